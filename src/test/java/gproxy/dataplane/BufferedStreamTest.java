package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.config.UpstreamTimeouts;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.SettledUsage;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streaming client on a path that answers buffered (reference §5.3): the routing rule
 * {@code stream_generate_content → transform_to generate_content}, or an upstream that answers JSON
 * to a stream request. The gateway calls once, sends the dialect's keepalive every interval (50 ms
 * here, 15 s in production) while the upstream is silent, and synthesises the client's whole stream
 * from the answer; an upstream error while waiting is the stream's error event.
 */
class BufferedStreamTest {
    private static final Duration SLOW = Duration.ofMillis(400);
    private static final AtomicInteger USERS = new AtomicInteger();
    private static FakeUpstream claude;
    private static FakeUpstream gemini;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        gemini = FakeUpstream.start();
        gw = TestGateway.start(s -> s.withUpstreamTimeouts(new UpstreamTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(50))));
        long buffered = gw.provider("claude-buffered", "claudeapi", claude.url());
        gw.credential(buffered, "sk-ant");
        bufferStreams(buffered, "claude_messages", "claude_messages");
        bufferStreams(buffered, "open_ai_chat_completions", "claude_messages");
        long streamed = gw.provider("claude-streamed", "claudeapi", claude.url());
        gw.credential(streamed, "sk-ant-2");
        long google = gw.provider("gem-buffered", "aistudio", gemini.url());
        gw.credential(google, "gm-key");
        bufferStreams(google, "gemini_generate_content", "gemini_generate_content");
        bufferStreams(google, "open_ai_responses", "gemini_generate_content");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        gemini.close();
    }

    @AfterEach
    void nothingIsLeftOpen() {
        Leaks.assertNoneInFlight(gw, claude, gemini);
        assertThat(gw.gateway().settlements().openSettlements()).isZero();
        assertThat(gw.gateway().accessControl().openReservations()).isZero();
    }

    @Test
    void aClaudeClientHearsPingsWhileTheBufferedUpstreamIsSilentThenAWholeWellFormedStream() {
        TestGateway.User user = gw.user("claude-buffered-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeMessage("hello world", Usage.of(11, 4)).delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(claudeClient(user), "{\"model\":\"claude-buffered/claude-sonnet-4-5\","
                + "\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<SseEvent> events = events(res.body());
        List<String> types = events.stream().map(SseEvent::type).toList();
        int firstContent = types.indexOf("message_start");
        assertThat(types.subList(0, firstContent)).hasSizeGreaterThanOrEqualTo(2).containsOnly("ping");
        assertThat(types.subList(firstContent, types.size())).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode delta = Json.parse(events.get(firstContent + 2).dataText());
        assertThat(delta.at("/delta/text").asText()).isEqualTo("hello world");
        JsonNode end = Json.parse(events.get(firstContent + 4).dataText());
        assertThat(end.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(end.at("/usage/output_tokens").asLong()).isEqualTo(4);
        assertThat(Json.parse(events.get(firstContent).dataText()).at("/message/usage/input_tokens").asLong())
                .isEqualTo(11);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.bodyJson().path("stream").asBoolean(false)).isFalse();
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(11);
        assertThat(usage.longValue("output_tokens")).isEqualTo(4);
    }

    @Test
    void aChatClientThroughABufferedClaudeHearsCommentsThenChunksWithoutTheUsageItDidNotAskFor() {
        TestGateway.User user = gw.user("chat-buffered-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeMessage("bonjour", Usage.of(8, 3)).delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(chatClient(user), "{\"model\":\"claude-buffered/claude-sonnet-4-5\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).startsWith(": keepalive\n\n").endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");
        List<JsonNode> chunks = ConvertedStreamTest.jsonEvents(res.body());
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.path("model").asText()).isEqualTo("claude-buffered/claude-sonnet-4-5");
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/content").asText()).isEqualTo("bonjour");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode sent = claude.takeRequest().bodyJson();
        assertThat(sent.path("stream").asBoolean(false)).isFalse();
        assertThat(sent.has("stream_options")).isFalse();
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).isEqualTo(8);
        assertThat(usage.longValue("output_tokens")).isEqualTo(3);
    }

    @Test
    void aChatClientThatAskedForUsageGetsTheUsageChunkOfTheBufferedAnswer() {
        claude.enqueue(FakeResponses.claudeMessage("yes", Usage.of(5, 1)));

        HttpResponse<String> res = gw.post(chatClient(gw.user("chat-usage-" + USERS.incrementAndGet())),
                "{\"model\":\"claude-buffered/claude-sonnet-4-5\",\"stream\":true,\"stream_options\":"
                        + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode last = ConvertedStreamTest.jsonEvents(res.body()).getLast();
        assertThat(last.path("choices").isEmpty()).isTrue();
        assertThat(last.at("/usage/prompt_tokens").asLong()).isEqualTo(5);
        assertThat(last.at("/usage/completion_tokens").asLong()).isEqualTo(1);
        claude.takeRequest();
    }

    @Test
    void aGeminiJsonArrayClientHearsWhitespaceThenOneWellFormedArray() {
        TestGateway.User user = gw.user("gemini-buffered-" + USERS.incrementAndGet());
        gemini.enqueue(FakeResponses.geminiGenerate("hola", Usage.of(6, 2)).delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/gem-buffered/gemini-2.5-flash:streamGenerateContent")
                .header("x-goog-api-key", user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).startsWith("[\n\n");
        JsonNode array = Json.parse(res.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        assertThat(array.at("/0/candidates/0/content/parts/0/text").asText()).isEqualTo("hola");
        assertThat(array.at("/0/usageMetadata/promptTokenCount").asLong()).isEqualTo(6);
        assertThat(array.at("/0/modelVersion").asText()).isEqualTo("gem-buffered/gemini-2.5-flash");
        assertThat(gemini.takeRequest().path()).endsWith("/models/gemini-2.5-flash:generateContent");
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).isEqualTo(6);
        assertThat(usage.longValue("output_tokens")).isEqualTo(2);
    }

    @Test
    void aResponsesClientThroughABufferedGeminiGetsEveryResponseEventInOrder() {
        TestGateway.User user = gw.user("responses-buffered-" + USERS.incrementAndGet());
        gemini.enqueue(FakeResponses.geminiGenerate("salut", Usage.of(7, 2)).delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(gw.request("/v1/responses").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"gem-buffered/gemini-2.5-flash\",\"stream\":true,\"input\":\"hi\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).startsWith(": keepalive\n\n");
        List<JsonNode> events = ConvertedStreamTest.jsonEvents(res.body());
        assertThat(events).extracting(e -> e.path("type").asText()).startsWith("response.created",
                "response.in_progress").contains("response.output_item.added", "response.output_text.delta",
                "response.output_item.done").endsWith("response.completed");
        assertThat(events).extracting(e -> e.path("sequence_number").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asText()).toList()).containsExactly("salut");
        assertThat(events.getLast().at("/response/usage/input_tokens").asLong()).isEqualTo(7);
        assertThat(events.getLast().at("/response/model").asText()).isEqualTo("gem-buffered/gemini-2.5-flash");
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.longValue("input_tokens")).isEqualTo(7);
        assertThat(usage.longValue("output_tokens")).isEqualTo(2);
    }

    @Test
    void anUpstreamErrorWhileTheClientHeardPingsIsTheClaudeStreamErrorEventAndNoUsageRow() {
        TestGateway.User user = gw.user("claude-error-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeError(400, "prompt is too long").delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(claudeClient(user), "{\"model\":\"claude-buffered/claude-sonnet-4-5\","
                + "\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).isEqualTo(200);
        List<SseEvent> events = events(res.body());
        assertThat(events.getFirst().type()).isEqualTo("ping");
        assertThat(events.getLast().type()).isEqualTo("error");
        assertThat(events.stream().map(SseEvent::type).distinct().toList()).containsExactly("ping", "error");
        JsonNode error = Json.parse(events.getLast().dataText());
        assertThat(error.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asText()).isEqualTo("prompt is too long");
        claude.takeRequest();
        // as the same error without keepalives: nothing billable, the intent cancelled, the quota released
        assertThat(usages(user)).isEmpty();
    }

    @Test
    void anUpstreamFailureWhileAGeminiArrayWaitedIsTheArraysLastElement() {
        gemini.enqueue(FakeResponses.geminiError(503, "overloaded").delayHeaders(SLOW));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/gem-buffered/gemini-2.5-flash:streamGenerateContent")
                .header("x-goog-api-key", gw.userKey("gemini-error")), "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}]}");

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode array = Json.parse(res.body());
        assertThat(array).hasSize(1);
        assertThat(array.at("/0/error/code").asInt()).isGreaterThanOrEqualTo(500);
        assertThat(array.at("/0/error/message").asText()).isNotBlank();
        gemini.takeRequest();
    }

    @Test
    void anUpstreamThatBreaksOffItsWholeAnswerEndsTheStreamWithAnErrorAndSettlesInterrupted() {
        TestGateway.User user = gw.user("claude-broken-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeMessage("a long answer that is cut", Usage.of(9, 9))
                .delayHeaders(SLOW).disconnectAfterBytes(20));

        HttpResponse<String> res = gw.post(claudeClient(user), "{\"model\":\"claude-buffered/claude-sonnet-4-5\","
                + "\"max_tokens\":50,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).isEqualTo(200);
        List<SseEvent> events = events(res.body());
        assertThat(events.getLast().type()).isEqualTo("error");
        assertThat(events).extracting(SseEvent::type).doesNotContain("message_start");
        claude.takeRequest();
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.get("ended")).isEqualTo("interrupted");
    }

    @Test
    void aStreamingUpstreamThatAnswersJsonIsSynthesisedIntoTheClientsStream() {
        TestGateway.User user = gw.user("json-for-stream-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeMessage("whole anyway", Usage.of(4, 2)));

        HttpResponse<String> res = gw.post(chatClient(user), "{\"model\":\"claude-streamed/claude-sonnet-4-5\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(claude.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
        List<JsonNode> chunks = ConvertedStreamTest.jsonEvents(res.body());
        assertThat(chunks.getFirst().at("/choices/0/delta/content").asText()).isEqualTo("whole anyway");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(res.body()).endsWith("data: [DONE]\n\n");
        Row usage = SettledUsage.one(gw, user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).isEqualTo(4);
        assertThat(usage.longValue("output_tokens")).isEqualTo(2);
    }

    /** Makes the provider answer streams of {@code kind} with one whole {@code generate_content} call. */
    private static void bufferStreams(long provider, String kind, String destKind) {
        JsonNode rules = TestGateway.json(gw.send(gw.admin("/admin/providers/" + provider + "/routing-rules")));
        for (JsonNode rule : rules) {
            if (rule.path("operation").asText().equals("stream_generate_content")
                    && rule.path("kind").asText().equals(kind)) {
                gw.adminPost("/admin/providers/" + provider + "/routing-rules", "{\"id\":" + rule.path("id").asLong()
                        + ",\"implementation\":\"transform_to\",\"dest_operation\":\"generate_content\","
                        + "\"dest_kind\":\"" + destKind + "\"}");
                return;
            }
        }
        throw new AssertionError("no stream_generate_content cell for " + kind);
    }

    private static HttpRequest.Builder claudeClient(TestGateway.User user) {
        return gw.request("/v1/messages").header("x-api-key", user.key()).header("anthropic-version", "2023-06-01");
    }

    private static HttpRequest.Builder chatClient(TestGateway.User user) {
        return gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key());
    }

    private static List<SseEvent> events(String body) {
        List<SseEvent> out = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                out.add(e.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<Row> usages(TestGateway.User user) {
        gw.gateway().settlements().flush();
        return gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
    }
}
