package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.config.UpstreamTimeouts;
import gproxy.json.Json;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.Hangup;
import gproxy.testing.RawHttp;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams through the gateway as a client sees them: paced as the upstream paces them, cut when
 * the client hangs up, closed with a dialect error event when the upstream breaks or stalls past
 * the stream-idle timeout (1 s here). After each test nothing is left in flight on either side.
 */
class StreamingTest {
    private static final Duration STREAM_IDLE = Duration.ofSeconds(1);
    private static final Duration FIRST_BYTE = Duration.ofSeconds(3);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestGateway gw;
    private static String key;

    private FakeUpstream upstream;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start(s -> s.withUpstreamTimeouts(new UpstreamTimeouts(Duration.ofSeconds(2), FIRST_BYTE,
                STREAM_IDLE)));
        key = gw.userKey("stream-user");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
        upstream.close();
    }

    /** A fresh provider of {@code channel} on this test's upstream; returns its name. */
    private String provider(String channel) {
        String name = "s" + NAMES.incrementAndGet();
        gw.credential(gw.provider(name, channel, upstream.url()), "sk-" + name);
        return name;
    }

    private static String chatBody(String provider) {
        return "{\"model\":\"" + provider + "/" + FakeResponses.OPENAI_MODEL + "\",\"stream\":true,\"messages\":[]}";
    }

    private static HttpRequest chatRequest(String provider) {
        return gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider))).build();
    }

    private record Line(String text, long nanos) {
    }

    /** The response's lines, each stamped when the client could read it. */
    private static List<Line> timedLines(HttpRequest request) throws Exception {
        HttpResponse<Stream<String>> res = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(res.statusCode()).isEqualTo(200);
        try (Stream<String> lines = res.body()) {
            List<Line> out = new ArrayList<>();
            lines.forEach(l -> out.add(new Line(l, System.nanoTime())));
            return out;
        }
    }

    private static List<String> dataLines(String body) {
        return body.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    @Test
    void eventsReachTheClientAsTheUpstreamDripsThemNotAllAtTheEnd() throws Exception {
        Duration drip = Duration.ofMillis(200);
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a", "b", "c", "d")).drip(drip));

        List<Line> data = timedLines(chatRequest(provider("openai"))).stream()
                .filter(l -> l.text().startsWith("data: ")).toList();

        assertThat(data).hasSize(7);
        assertThat(data.getLast().text()).isEqualTo("data: [DONE]");
        for (int i = 1; i < data.size(); i++) {
            assertThat(Duration.ofNanos(data.get(i).nanos() - data.get(i - 1).nanos()))
                    .as("gap before event %d", i).isGreaterThan(drip.dividedBy(2));
        }
    }

    @Test
    void aClientThatHangsUpMidStreamStopsTheUpstreamRead() throws IOException {
        int total = 60;
        List<String> deltas = IntStream.range(0, total).mapToObj(i -> "t" + i).toList();
        upstream.enqueue(FakeResponses.openAiChatStream(deltas).drip(Duration.ofMillis(50)));
        String provider = provider("openai");

        try (RawHttp raw = RawHttp.connect(gw.port())) {
            raw.sendPost("/v1/chat/completions", key, chatBody(provider));
            assertThat(raw.readHead().status()).isEqualTo(200);
            assertThat(raw.readChunk()).startsWith("data: ");
            assertThat(raw.readChunk()).startsWith("data: ");
        }

        Optional<Hangup> hangup = upstream.awaitClientDisconnect(Duration.ofSeconds(2));
        assertThat(hangup).as("the upstream saw the gateway hang up").isPresent();
        assertThat(hangup.get().eventsWritten()).as("events the upstream wrote before it saw the hang-up")
                .isLessThan(total / 5);
    }

    @Test
    void anOpenAiStreamCutByTheUpstreamEndsWithAnErrorDataEvent() {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("x", "y", "z")).disconnectAfterEvents(2));

        HttpResponse<String> res = gw.send(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider("openai")))));

        assertThat(res.statusCode()).isEqualTo(200);
        List<String> data = dataLines(res.body());
        assertThat(data).hasSize(3).doesNotContain("[DONE]");
        assertThat(Json.parse(data.getLast()).at("/error/code").asText()).isEqualTo("upstream_stream_broken");
    }

    @Test
    void anAnthropicStreamCutByTheUpstreamEndsWithAnErrorEvent() {
        upstream.enqueue(FakeResponses.claudeStream(List.of("x", "y"), Usage.of(3, 2)).disconnectAfterEvents(3));
        String provider = provider("claudeapi");

        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"" + provider + "/"
                + FakeResponses.CLAUDE_MODEL + "\",\"max_tokens\":8,\"stream\":true,\"messages\":[]}");

        assertThat(res.statusCode()).isEqualTo(200);
        List<String> events = res.body().lines().filter(l -> l.startsWith("event: ")).toList();
        assertThat(events).containsExactly("event: message_start", "event: content_block_start", "event: ping",
                "event: error");
        assertThat(Json.parse(dataLines(res.body()).getLast()).at("/error/type").asText()).isEqualTo("api_error");
    }

    @Test
    void anUpstreamSilentLongerThanTheStreamIdleTimeoutIsCutAndTheClientGetsTheErrorEvent() throws Exception {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("x", "y", "z")).stallAfterEvents(2));
        long started = System.nanoTime();

        List<Line> lines = timedLines(chatRequest(provider("openai")));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> data = lines.stream().map(Line::text).filter(l -> l.startsWith("data: ")).toList();
        assertThat(data).hasSize(3);
        assertThat(data.getLast()).contains("upstream_stream_broken");
        assertThat(took).isGreaterThanOrEqualTo(STREAM_IDLE).isLessThan(STREAM_IDLE.multipliedBy(4));
        assertThat(upstream.awaitClientDisconnect(Duration.ofSeconds(2))).as("the stalled upstream was dropped")
                .isPresent();
    }

    @Test
    void aStreamedAnswerMayTakeLongerThanTheStreamIdleTimeoutToStart() {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("late")).delayHeaders(STREAM_IDLE.multipliedBy(2)));

        HttpResponse<String> res = gw.send(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider("openai")))));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"content\":\"late\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void anUpstreamThatNeverAnswersIsGivenUpAfterTheFirstByteTimeout() {
        upstream.enqueue(FakeResponse.noResponse());
        long started = System.nanoTime();

        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"" + provider("openai") + "/" + FakeResponses.OPENAI_MODEL + "\"}");

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("all_attempts_failed");
        assertThat(took).isGreaterThanOrEqualTo(FIRST_BYTE).isLessThan(FIRST_BYTE.multipliedBy(2));
        assertThat(upstream.requestCount()).as("a timeout is not retried").isEqualTo(1);
        assertThat(upstream.awaitClientDisconnect(Duration.ofSeconds(2))).isPresent();
    }

    @Test
    void malformedEventLinesPassThroughWithoutBreakingTheStream() {
        FakeResponse malformed = FakeResponses.malformedSse();
        upstream.enqueue(malformed);

        HttpResponse<String> res = gw.send(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider("openai")))));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo(malformed.bodyText()).doesNotContain("upstream_stream_broken");
    }

    @Test
    void keepAliveCommentsReachTheClientWhileTheUpstreamIsStillThinking() throws Exception {
        Duration drip = Duration.ofMillis(300);
        List<String> events = new ArrayList<>(List.of(": PROCESSING\n\n", ": PROCESSING\n\n"));
        FakeResponses.openAiChatEvents(FakeResponses.OPENAI_MODEL, List.of("done thinking"), Optional.empty())
                .forEach(e -> events.add(e.rawText()));
        upstream.enqueue(FakeResponse.sseText(events).drip(drip));

        List<Line> lines = timedLines(chatRequest(provider("openai")));

        List<Line> comments = lines.stream().filter(l -> l.text().startsWith(":")).toList();
        Line firstData = lines.stream().filter(l -> l.text().startsWith("data: ")).findFirst().orElseThrow();
        assertThat(comments).extracting(Line::text).containsExactly(": PROCESSING", ": PROCESSING");
        assertThat(Duration.ofNanos(firstData.nanos() - comments.get(0).nanos())).as("the first comment came early")
                .isGreaterThan(drip);
    }

    @Test
    void aGeminiJsonArrayCutByTheUpstreamStillEndsAsValidJsonWithAnErrorElement() {
        upstream.enqueue(FakeResponses.geminiStream(List.of("a", "b", "c"), Usage.of(1, 3)).disconnectAfterEvents(2));
        String provider = provider("aistudio");

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/" + provider + "/" + FakeResponses.GEMINI_MODEL
                + ":streamGenerateContent").header("x-goog-api-key", key), "{\"contents\":[]}");

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode array = Json.parse(res.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(array.get(2).at("/error/code").asInt()).isEqualTo(502);
    }

    @Test
    void everyAnswerCarriesItsOwnRequestId() {
        String provider = provider("openai");
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a")));
        upstream.enqueue(FakeResponses.openAiError(400, "nope"));
        List<HttpResponse<String>> answers = List.of(
                gw.send(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider)))),
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                        chatBody(provider)),
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer sk-wrong"), chatBody(provider)),
                gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), "{not json"),
                gw.send(gw.request("/v1/nowhere").header("Authorization", "Bearer " + key)),
                gw.send(gw.request("/v1/models").header("Authorization", "Bearer " + key)));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 400, 401, 400, 404, 200);
        Set<String> ids = new HashSet<>();
        for (HttpResponse<String> res : answers) {
            ids.add(res.headers().firstValue("x-gproxy-request-id").orElseThrow());
            assertThat(res.headers().allValues("x-gproxy-request-id")).hasSize(1);
        }
        assertThat(ids).hasSize(answers.size());
    }

    @Test
    void aCompletedStreamLeavesItsUpstreamConnectionToTheNextRequest() {
        String provider = provider("openai");
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("one"))).enqueue(FakeResponses.openAiChatStream(
                List.of("two")));

        for (String expected : List.of("one", "two")) {
            HttpResponse<String> res = gw.send(gw.request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(chatBody(provider))));
            assertThat(res.body()).contains("\"content\":\"" + expected + "\"").endsWith("data: [DONE]\n\n");
        }
        assertThat(upstream.connectionCount()).as("kept alive, not re-dialled").isEqualTo(1);
    }

    @Test
    void manyStreamsRunSideBySide() throws Exception {
        int streams = 20;
        CountDownLatch allArrived = new CountDownLatch(streams);
        upstream.dispatcher(r -> {
            allArrived.countDown();
            try {
                // answers only once every stream is waiting upstream at the same time
                if (!allArrived.await(20, TimeUnit.SECONDS)) {
                    return FakeResponses.openAiError(500, "only " + (streams - allArrived.getCount()) + " arrived");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeResponses.openAiChatStream(List.of("a", "b")).drip(Duration.ofMillis(20));
        });
        String provider = provider("openai");
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            answers.add(client.sendAsync(chatRequest(provider), HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> res = answer.get(30, TimeUnit.SECONDS);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).endsWith("data: [DONE]\n\n");
        }
    }
}
