package gproxy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;

@Timeout(30)
class FakeUpstreamFaultsTest {
    private static final List<String> DELTAS = List.of("a", "b", "c", "d");

    private final FakeUpstream upstream = FakeUpstream.start();
    private final TestClient client = new TestClient();

    @AfterEach
    void noConnectionOrThreadOutlivesTheTest() {
        client.close();
        upstream.close();
        assertThat(upstream.openConnections()).isZero();
    }

    @Test
    void dripSpreadsTheEventsOutInTime() throws IOException {
        upstream.enqueue(FakeResponse.sse(events(4)).drip(Duration.ofMillis(150)));

        List<Long> arrivals = new ArrayList<>();
        try (SseReader reader = new SseReader(client.stream(upstream.url("/s")).body())) {
            while (reader.next().isPresent()) {
                arrivals.add(System.nanoTime());
            }
        }

        assertThat(arrivals).hasSize(4);
        // Generous bounds: delivery jitter on a busy machine can bunch two events a little.
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1))).as("gap before event %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
        assertThat(Duration.ofNanos(arrivals.getLast() - arrivals.getFirst())).isGreaterThanOrEqualTo(Duration.ofMillis(430));
    }

    @Test
    void throttleLimitsTheBodyRate() {
        String body = "{\"text\":\"" + "x".repeat(990) + "\"}";
        upstream.enqueue(FakeResponse.json(body).throttle(250, Duration.ofMillis(100)));

        long start = System.nanoTime();
        HttpResponse<String> response = client.get(upstream.url("/slow"));

        assertThat(response.body()).isEqualTo(body);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void delayedHeadersMakeASlowFirstByte() {
        upstream.enqueue(FakeResponse.json("{}").delayHeaders(Duration.ofMillis(300)));

        long start = System.nanoTime();
        client.get(upstream.url("/slow"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void disconnectAfterHeadersGivesAStatusAndNoBody() throws IOException {
        upstream.enqueue(FakeResponses.openAiChat("hello", Usage.of(1, 1)).disconnectAfterHeaders());

        // a raw socket: an HTTP client may report the cut before it hands over the status
        String received = rawExchange("POST /v1/chat/completions HTTP/1.1\r\nHost: fake\r\nContent-Length: 0\r\n\r\n");

        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: ");
        assertThat(received.substring(received.indexOf("\r\n\r\n") + 4)).isEmpty();
    }

    @Test
    void disconnectAfterEventsDeliversThatManyThenBreaksTheStream() throws IOException {
        upstream.enqueue(FakeResponse.sse(events(5)).disconnectAfterEvents(2));

        // a raw socket: an HTTP client may drop what it had buffered once the framing breaks
        String received = rawExchange("GET /s HTTP/1.1\r\nHost: fake\r\n\r\n");

        assertThat(received).contains("data: {\"i\":0}", "data: {\"i\":1}").doesNotContain("{\"i\":2}")
                .doesNotEndWith("0\r\n\r\n");
    }

    @Test
    void disconnectAfterBytesCutsAtExactlyThatByte() throws IOException {
        String body = "{\"text\":\"" + "y".repeat(90) + "\"}";
        upstream.enqueue(FakeResponse.json(body).disconnectAfterBytes(40));

        String received = rawExchange("GET /cut HTTP/1.1\r\nHost: fake\r\n\r\n");

        assertThat(received).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: " + body.length() + "\r\n");
        assertThat(received.substring(received.indexOf("\r\n\r\n") + 4)).isEqualTo(body.substring(0, 40));
    }

    @Test
    void stallAfterHeadersHoldsTheBodyUntilReleased() throws Exception {
        upstream.enqueue(FakeResponse.json("{\"late\":true}").stallAfterHeaders());
        HttpResponse<InputStream> response = client.stream(upstream.url("/stall"));
        CompletableFuture<String> body = readInBackground(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body).isNotCompleted();
        Thread.sleep(300);
        assertThat(body).isNotCompleted();
        upstream.releaseStalls();
        assertThat(body.get(5, TimeUnit.SECONDS)).isEqualTo("{\"late\":true}");
    }

    @Test
    void stallAfterEventsSendsThatManyAndTheRestAfterARelease() throws Exception {
        upstream.enqueue(FakeResponse.sse(events(4)).stallAfterEvents(2));
        SseReader reader = new SseReader(client.stream(upstream.url("/stall")).body());
        assertThat(reader.next().orElseThrow().dataText()).isEqualTo("{\"i\":0}");
        assertThat(reader.next().orElseThrow().dataText()).isEqualTo("{\"i\":1}");

        CompletableFuture<SseEvent> third = CompletableFuture.supplyAsync(() -> next(reader));
        Thread.sleep(300);
        assertThat(third).isNotCompleted();
        upstream.releaseStalls();

        assertThat(third.get(5, TimeUnit.SECONDS).dataText()).isEqualTo("{\"i\":2}");
        assertThat(reader.next().orElseThrow().dataText()).isEqualTo("{\"i\":3}");
        assertThat(reader.next()).isEmpty();
        reader.close();
    }

    @Test
    void aClientHangingUpDuringAStallIsReportedWithTheEventsWritten() throws IOException {
        upstream.enqueue(FakeResponse.sse(events(4)).stallAfterEvents(2));
        InputStream body = client.stream(upstream.url("/v1/messages")).body();
        SseReader reader = new SseReader(body);
        reader.next();
        reader.next();

        reader.close();

        Hangup hangup = upstream.awaitClientDisconnect(Duration.ofSeconds(5)).orElseThrow();
        assertThat(hangup.eventsWritten()).isEqualTo(2);
        assertThat(hangup.request().path()).isEqualTo("/v1/messages");
        assertThat(hangup.bodyBytesWritten()).isEqualTo(events(4).get(0).rawLength() + events(4).get(1).rawLength());
    }

    @Test
    void aClientHangingUpMidDripIsNoticedBeforeTheNextWrite() throws IOException {
        upstream.enqueue(FakeResponse.sse(events(50)).drip(Duration.ofMillis(500)));
        SseReader reader = new SseReader(client.stream(upstream.url("/s")).body());
        for (int i = 0; i < 3; i++) {
            reader.next().orElseThrow();
        }

        long closed = System.nanoTime();
        reader.close();

        Hangup hangup = upstream.awaitClientDisconnect(Duration.ofSeconds(5)).orElseThrow();
        // Seen by watching the socket during the drip, well before the next write would fail.
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofMillis(400));
        assertThat(hangup.eventsWritten()).isEqualTo(3);
    }

    @Test
    void noResponseLeavesTheClientWaitingUntilItGivesUp() {
        upstream.enqueue(FakeResponse.noResponse());

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(upstream.url("/void"))
                .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()))
                .hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(upstream.takeRequest().path()).isEqualTo("/void");
        assertThat(upstream.awaitClientDisconnect(Duration.ofSeconds(5))).hasValueSatisfying(
                hangup -> assertThat(hangup.eventsWritten()).isZero());
    }

    @Test
    void rateLimitsAndServerErrorsAreOrdinaryResponses() {
        upstream.enqueue(FakeResponses.openAiError(429, "slow down").retryAfter(7))
                .enqueue(FakeResponses.claudeError(529, "Overloaded"))
                .enqueue(FakeResponses.geminiError(503, "The model is overloaded."));

        HttpResponse<String> limited = client.get(upstream.url("/a"));
        HttpResponse<String> overloaded = client.get(upstream.url("/b"));
        HttpResponse<String> unavailable = client.get(upstream.url("/c"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("7");
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(unavailable.statusCode()).isEqualTo(503);
    }

    @Test
    void malformedSseMixesGarbageIntoAStreamTheReaderStillFrames() throws IOException {
        upstream.enqueue(FakeResponses.malformedSse());

        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(client.stream(upstream.url("/s")).body())) {
            reader.next().ifPresent(events::add);
            while (!events.getLast().dataText().equals("[DONE]")) {
                events.add(reader.next().orElseThrow());
            }
        }

        assertThat(events).hasSize(5);
        assertThat(events.get(1).dispatchable()).isFalse();
        assertThat(events.get(2).dataText()).isEqualTo("not json at all");
        assertThatThrownBy(() -> Json.parse(events.get(3).dataText())).hasMessageStartingWith("malformed JSON");
    }

    private static List<SseEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> SseEvent.data("{\"i\":" + i + "}")).toList();
    }

    private static SseEvent next(SseReader reader) {
        try {
            return reader.next().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CompletableFuture<String> readInBackground(InputStream body) {
        return CompletableFuture.supplyAsync(() -> {
            try (body) {
                return new String(body.readAllBytes(), UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Everything the server sends on a raw socket until it closes. */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }
}
