package gproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FakeUpstreamTest {
    private final FakeUpstream upstream = FakeUpstream.start();
    private final TestClient client = new TestClient();

    @AfterEach
    void noConnectionOrThreadOutlivesTheTest() {
        client.close();
        upstream.close();
        assertThat(upstream.openConnections()).isZero();
    }

    @Test
    void aJsonResponseArrivesWithItsStatusHeadersAndBody() {
        upstream.enqueue(FakeResponse.json(201, "{\"ok\":true}").header("X-Upstream", "fake"));

        HttpResponse<String> response = client.get(upstream.url("/v1/models"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-upstream")).contains("fake");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("content-length")).contains("11");
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void takeRequestRecordsMethodTargetHeadersAndBody() {
        upstream.enqueue(FakeResponse.json("{}"));

        client.send(HttpRequest.newBuilder(upstream.url("/v1/chat/completions?alt=sse&key=k"))
                .header("X-Custom-Header", "a").header("Authorization", "Bearer sk-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        RecordedRequest request = upstream.takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/v1/chat/completions?alt=sse&key=k");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.query()).isEqualTo("alt=sse&key=k");
        assertThat(request.header("x-custom-header")).contains("a");
        assertThat(request.header("AUTHORIZATION")).contains("Bearer sk-test");
        assertThat(request.bodyJson().get("model").asText()).isEqualTo("m");
        assertThat(request.sequence()).isZero();
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void chunkedRequestBodiesAreAcceptedAndDechunked() {
        upstream.enqueue(FakeResponse.status(204));
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);

        client.send(HttpRequest.newBuilder(upstream.url("/upload"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.discarding());

        RecordedRequest request = upstream.takeRequest();
        assertThat(request.header("transfer-encoding")).contains("chunked");
        assertThat(request.body()).isEqualTo(body);
    }

    @Test
    void expectContinueIsAnswered() {
        upstream.enqueue(FakeResponse.json("{}"));

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(upstream.url("/x")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.takeRequest().bodyText()).isEqualTo("hello");
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() {
        IntStream.range(0, 3).forEach(i -> upstream.enqueue(FakeResponse.json("{\"i\":" + i + "}")));

        List<String> bodies = IntStream.range(0, 3).mapToObj(i -> client.get(upstream.url("/r" + i)).body()).toList();

        assertThat(bodies).containsExactly("{\"i\":0}", "{\"i\":1}", "{\"i\":2}");
        assertThat(upstream.connectionCount()).isEqualTo(1);
        assertThat(List.of(upstream.takeRequest(), upstream.takeRequest(), upstream.takeRequest()))
                .extracting(RecordedRequest::connection).containsOnly(0);
    }

    @Test
    void aConnectionCloseResponseEndsTheConnection() {
        upstream.enqueue(FakeResponse.json("{}").header("Connection", "close")).enqueue(FakeResponse.json("{}"));

        client.get(upstream.url("/a"));
        client.get(upstream.url("/b"));

        assertThat(upstream.connectionCount()).isEqualTo(2);
    }

    @Test
    void aRequestWithNothingEnqueuedGetsA500NamingIt() {
        HttpResponse<String> response = client.get(upstream.url("/v1/forgotten"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("nothing enqueued for GET /v1/forgotten");
    }

    @Test
    void theDispatcherAnswersManyConcurrentRequests() {
        upstream.dispatcher(request -> FakeResponse.json("{\"path\":\"" + request.path() + "\"}"));

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> client.http.sendAsync(HttpRequest.newBuilder(upstream.url("/p" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join().body()).isEqualTo("{\"path\":\"/p" + i + "\"}");
        }
        assertThat(upstream.requestCount()).isEqualTo(50);
    }

    @Test
    void takeRequestWithATimeoutIsEmptyWhenNothingCame() {
        assertThat(upstream.takeRequest(Duration.ofMillis(50))).isEmpty();
        assertThat(upstream.awaitClientDisconnect(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void aRefusedUrlRefusesConnections() {
        assertThatThrownBy(() -> client.get(FakeUpstream.refusedUrl().resolve("/v1/models")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void closeEndsStalledConnectionsPromptlyAndTheListenerWithThem() throws Exception {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a", "b")).stallAfterEvents(1));
        HttpResponse<InputStream> response = client.stream(upstream.url("/v1/chat/completions"));
        assertThat(upstream.takeRequest()).isNotNull();

        long start = System.nanoTime();
        upstream.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(upstream.openConnections()).isZero();
        assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", upstream.port()).close()).isInstanceOf(ConnectException.class);
    }
}
