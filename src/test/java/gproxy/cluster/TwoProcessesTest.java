package gproxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gproxy.testing.ExternalServices;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.FreshDatabase;
import gproxy.testing.GatewayProcess;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;

/**
 * Two gateways as real processes (own JVMs, configured only by GPROXY_* variables, as an operator
 * runs them) on one PostgreSQL and the local Redis: a change made through one serves on the other
 * within a second, and a third process started with an id already in use exits saying so.
 */
class TwoProcessesTest {
    private static final Pattern API_KEY = Pattern.compile("API key:\\s+(sk-\\S+)");
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aProviderCreatedThroughOneProcessServesOnTheOtherAndADuplicateIdIsRefused() throws Exception {
        ExternalServices.require("Redis", "127.0.0.1", 6379);
        try (FreshDatabase db = FreshDatabase.postgres();
             FakeUpstream upstream = FakeUpstream.start()) {
            upstream.dispatcher(request -> FakeResponses.openAiChat("hi", Usage.of(3, 1)));
            String prefix = "gproxy-proc:" + UUID.randomUUID() + ":";
            try (GatewayProcess a = start(db, prefix, 1)) {
                // A first, so it is A that creates the bootstrap admin and prints its key (started
                // together, either process may win that race and the other only finds the admin)
                int portA = a.awaitPort(Duration.ofSeconds(60));
                assertThat(a.awaitLine("API key:", Duration.ofSeconds(10))).as(a.output()).isTrue();
                Matcher key = API_KEY.matcher(a.output());
                assertThat(key.find()).isTrue();
                String admin = key.group(1);
                try (GatewayProcess b = start(db, prefix, 2)) {
                    int portB = b.awaitPort(Duration.ofSeconds(60));

                    long provider = id(post(portA, admin, "/admin/providers", "{\"name\":\"fake\",\"channel\":\"openai\","
                            + "\"settings_json\":{\"base_url\":\"" + upstream.url() + "\"}}"));
                    post(portA, admin, "/admin/providers/" + provider + "/credentials",
                            "{\"name\":\"k\",\"secret_json\":{\"api_key\":\"sk-up\"}}");
                    long user = id(post(portA, admin, "/admin/users", "{\"name\":\"alice\"}"));
                    String userKey = TestGateway.json(post(portA, admin, "/admin/users/" + user + "/keys",
                            "{\"label\":\"k\"}")).path("api_key").asText();
                    post(portA, admin, "/admin/route-permissions", "{\"scope\":\"user\",\"scope_id\":" + user
                            + ",\"route_pattern\":\"*\"}");
                    long started = System.nanoTime(); // as in the in-process tests: from the admin call's answer
                    long target = revision(portA, admin);
                    long deadline = started + Duration.ofSeconds(15).toNanos();
                    while (revision(portB, admin) < target && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    System.out.println("[measure] TwoProcessesTest: B loaded A's revision " + target + " after " + tookMs
                            + " ms");
                    assertThat(tookMs).isLessThan(1_000);
                    // the first call through a fresh JVM is slow (class loading, JIT): no time bound on it
                    HttpResponse<String> served = chat(portB, userKey);
                    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);

                    try (GatewayProcess twin = start(db, prefix, 1)) {
                        assertThat(twin.awaitExit(Duration.ofSeconds(60))).isNotZero();
                        assertThat(twin.output()).contains("instance id 1 is in use by another running instance");
                    }
                }
            }
        }
    }

    private static GatewayProcess start(FreshDatabase db, String prefix, long id) throws Exception {
        return GatewayProcess.start("gproxy.server.Main",
                List.of("--data-dir", Files.createTempDirectory("gproxy-proc-").toString(), "--port", "0"),
                Map.of("GPROXY_DSN", db.dsn(), "GPROXY_REDIS_URL", "redis://127.0.0.1:6379",
                        "GPROXY_CACHE_KEY_PREFIX", prefix, "GPROXY_INSTANCE_ID", Long.toString(id),
                        "GPROXY_ADMIN_PASSWORD", TestGateway.ADMIN_PASSWORD));
    }

    private HttpResponse<String> post(int port, String key, String path, String json) throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
        return res;
    }

    private HttpResponse<String> chat(int port, String key) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code gproxy_config_revision} gauge of the instance on {@code port}. */
    private long revision(int port, String key) throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^gproxy_config_revision (\\d+)$").matcher(res.body());
        assertThat(m.find()).as(res.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long id(HttpResponse<String> res) {
        return TestGateway.json(res).path("id").asLong();
    }
}
