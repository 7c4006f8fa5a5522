package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.cache.InProcessCache;
import gproxy.config.Settings;
import gproxy.json.Json;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Snapshot;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing tree's cross-cutting behaviour against a real socket: ids, limits, CORS, errors. */
class GatewayRoutingTest {
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final CountDownLatch entered = new CountDownLatch(1);
    private static final Lifecycle lifecycle = new Lifecycle();
    private static WebServer server;
    private static final HttpClient client = HttpClient.newHttpClient();

    /** A stand-in gateway surface: one slow endpoint that holds its permit until released. */
    static final class SlowGateway implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.post("/v1/slow", (req, res) -> {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                res.send("done");
            }).post("/v1/echo", (req, res) -> res.send(req.content().as(byte[].class)));
        }
    }

    @BeforeAll
    static void start() {
        Settings settings = Settings.defaults(Path.of("target/unused"))
                .withLimits(1, 1024)
                .withCors(List.of("https://app.example"), List.of());
        GatewayMetrics metrics = new GatewayMetrics("test");
        ControlPlane empty = new ControlPlane() {
            @Override
            public Snapshot current() {
                return Snapshot.empty();
            }

            @Override
            public Snapshot reload() {
                return Snapshot.empty();
            }
        };
        OpsService ops = new OpsService(lifecycle, List.of(), metrics,
                new OpsAccess(empty, new InProcessCache(), id -> java.util.Optional.empty()), false, "test");
        GatewayRouting routing = new GatewayRouting(settings, lifecycle, metrics, ops).mount("/", new SlowGateway());
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(routing::configure).build().start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    @Test
    void everyResponseCarriesARequestIdIncludingUnknownPaths() throws Exception {
        HttpResponse<String> health = send(at("/healthz"));
        HttpResponse<String> unknown = send(at("/nope/v1/whatever").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(health.headers().firstValue("x-gproxy-request-id")).get().asString().startsWith("0-");
        assertThat(unknown.statusCode()).isEqualTo(404);
        String id = unknown.headers().firstValue("x-gproxy-request-id").orElseThrow();
        JsonNode error = Json.parse(unknown.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("unknown_endpoint");
        assertThat(error.get("type").asText()).isEqualTo("not_found_error");
        assertThat(error.get("request_id").asText()).isEqualTo(id);
    }

    @Test
    void unknownGatewayPathsAnswerInTheCallersDialect() throws Exception {
        HttpResponse<String> claude = send(at("/v1/messages/nope").header("x-api-key", "k")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> gemini = send(at("/v1beta/models/x:nope").POST(HttpRequest.BodyPublishers.ofString("{}")));

        JsonNode c = Json.parse(claude.body());
        assertThat(c.get("type").asText()).isEqualTo("error");
        assertThat(c.get("error").get("type").asText()).isEqualTo("not_found_error");
        assertThat(c.get("request_id").asText()).isEqualTo(claude.headers().firstValue("x-gproxy-request-id").get());
        JsonNode g = Json.parse(gemini.body()).get("error");
        assertThat(g.get("code").asInt()).isEqualTo(404);
        assertThat(g.get("status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() throws Exception {
        HttpResponse<String> declared = send(at("/v1/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))));
        HttpResponse<String> small = send(at("/v1/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("x-gproxy-request-id")).isPresent();
        assertThat(Json.parse(declared.body()).get("error").get("code").asText()).isEqualTo("payload_too_large");
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).hasSize(1000);
    }

    @Test
    void chunkedBodiesOverTheLimitAreRefusedWhileReading() throws Exception {
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[5000]));
        HttpResponse<String> response = send(at("/v1/echo").POST(chunked));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-gproxy-request-id")).isPresent();
    }

    @Test
    void gatewayRequestsAboveMaxInFlightAreShedButOpsStayReachable() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                at("/v1/slow").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> shed = send(at("/v1/echo").POST(HttpRequest.BodyPublishers.ofString("hi")));
        HttpResponse<String> health = send(at("/healthz"));
        release.countDown();

        assertThat(shed.statusCode()).isEqualTo(503);
        assertThat(Json.parse(shed.body()).get("error").get("code").asText()).isEqualTo("gateway_overloaded");
        assertThat(shed.headers().firstValue("x-gproxy-request-id")).isPresent();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("done");
    }

    @Test
    void preflightFromAConfiguredOriginIsAnsweredWithCredentialedCors() throws Exception {
        HttpResponse<String> ok = send(at("/v1/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        HttpResponse<String> refused = send(at("/v1/echo").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(ok.headers().firstValue("access-control-allow-credentials")).contains("true");
        assertThat(ok.headers().firstValue("access-control-allow-methods")).contains("GET, POST, OPTIONS");
        assertThat(ok.headers().firstValue("access-control-allow-headers")).contains("authorization, content-type");
        assertThat(ok.headers().firstValue("x-gproxy-request-id")).isPresent();
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("access-control-allow-origin")).isEmpty();
        assertThat(refused.headers().firstValue("x-gproxy-request-id")).isPresent();
    }

    @Test
    void metricsNeedAnAdminUnlessConfiguredPublic() throws Exception {
        HttpResponse<String> anonymous = send(at("/metrics"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Json.parse(anonymous.body()).get("error").get("code").asText()).isEqualTo("unauthorized");
    }
}
