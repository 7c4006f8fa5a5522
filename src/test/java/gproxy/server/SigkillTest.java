package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import gproxy.cache.RedisCache;
import gproxy.config.Settings;
import gproxy.json.Json;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.testing.ExternalServices;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.GatewayProcess;
import gproxy.testing.RawHttp;
import gproxy.testing.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §4.1 end to end: the real process is killed with SIGKILL while streams are in flight; after a
 * restart on the same data dir every request that reached the upstream has exactly one usage row.
 */
class SigkillTest {
    private static final String MAIN = "gproxy.server.Main";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern API_KEY = Pattern.compile("API key:\\s+(sk-\\S+)");
    private static final int STREAMS = 6;

    @TempDir
    Path dataDir;

    @Test
    void sigkillWithStreamsInFlightLeavesOneUsageRowPerUpstreamRequestAfterRestart() throws Exception {
        String body = "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"tell me a long story\"}]}";
        List<String> deltas = IntStream.range(0, 300).mapToObj(i -> "word" + i + " ").toList();
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(FakeResponses.openAiChat("done", Usage.of(4, 1)));
            for (int i = 0; i < STREAMS; i++) {
                upstream.enqueue(FakeResponses.openAiChatStream(deltas, Usage.of(9, 300)).drip(Duration.ofMillis(100)));
            }
            List<RawHttp> streams = new ArrayList<>();
            try (GatewayProcess gateway = start()) {
                Admin admin = new Admin(gateway.awaitPort(START), adminKey(gateway));
                String key = admin.setUp(upstream.url()).key();
                HttpResponse<String> whole = admin.post("/v1/chat/completions", key,
                        "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");
                assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
                awaitUsageRows(1);
                for (int i = 0; i < STREAMS; i++) {
                    RawHttp stream = RawHttp.connect(admin.port());
                    streams.add(stream);
                    stream.sendPost("/v1/chat/completions", key, body);
                    assertThat(stream.readHead().status()).isEqualTo(200);
                    assertThat(stream.readChunk()).isNotEmpty();
                }

                gateway.signal("KILL");
                gateway.awaitExit(Duration.ofSeconds(20));
            } finally {
                for (RawHttp stream : streams) {
                    stream.close();
                }
            }
            int reached = upstream.requestCount();
            assertThat(reached).isEqualTo(STREAMS + 1);

            try (GatewayProcess restarted = start()) {
                restarted.awaitPort(START);
                assertThat(restarted.output()).contains("usage intents reconciled at start: " + STREAMS);
                restarted.terminate();
                assertThat(restarted.awaitExit(Duration.ofSeconds(30))).isZero();
            }
            try (Store store = JdbcStore.open(Settings.sqliteDsn(dataDir))) {
                List<Row> rows = store.list(Schema.USAGES, Query.all());
                assertThat(rows).hasSize(reached);
                assertThat(rows).extracting(r -> r.text("request_id")).doesNotHaveDuplicates();
                assertThat(rows).filteredOn(r -> r.text("ended").equals("complete")).hasSize(1);
                List<Row> interrupted = rows.stream().filter(r -> r.text("ended").equals("interrupted")).toList();
                assertThat(interrupted).hasSize(STREAMS).allSatisfy(r -> {
                    assertThat(r.text("usage_source")).isEqualTo("estimated");
                    assertThat(r.longValue("input_tokens")).isEqualTo(body.length());
                    assertThat(r.longValue("cost")).isEqualTo(body.length() * 2_500L);
                });
                assertThat(store.count(Schema.USAGE_INTENTS, Query.all())).isZero();
            }
        }
    }

    @Test
    void sigkillWithQuotaStreamsInFlightOnRedisReleasesTheirPendingQuotaAndLedgerEqualsUsageAfterRestart()
            throws Exception {
        ExternalServices.require("Redis", "127.0.0.1", 6379);
        String prefix = "gproxy-test:" + UUID.randomUUID() + ":";
        Map<String, String> env = Map.of("GPROXY_ADMIN_PASSWORD", PASSWORD, "GPROXY_REDIS_URL",
                "redis://127.0.0.1:6379/0", "GPROXY_CACHE_KEY_PREFIX", prefix);
        String body = "{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"tell me a long story\"}]}";
        List<String> deltas = IntStream.range(0, 300).mapToObj(i -> "word" + i + " ").toList();
        long userId;
        try (FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(FakeResponses.openAiChat("done", Usage.of(4, 1)));
            for (int i = 0; i < STREAMS; i++) {
                upstream.enqueue(FakeResponses.openAiChatStream(deltas, Usage.of(9, 300)).drip(Duration.ofMillis(100)));
            }
            List<RawHttp> streams = new ArrayList<>();
            try (GatewayProcess gateway = start(env)) {
                Admin admin = new Admin(gateway.awaitPort(START), adminKey(gateway));
                Payer payer = admin.setUp(upstream.url());
                userId = payer.userId();
                Admin.ok(admin.post("/admin/quotas", admin.adminKey(), "{\"scope\":\"user\",\"scope_id\":" + userId
                        + ",\"quota_total\":\"100\"}"));
                HttpResponse<String> whole = admin.post("/v1/chat/completions", payer.key(),
                        "{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");
                assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
                awaitUsageRows(1);
                for (int i = 0; i < STREAMS; i++) {
                    RawHttp stream = RawHttp.connect(admin.port());
                    streams.add(stream);
                    stream.sendPost("/v1/chat/completions", payer.key(), body);
                    assertThat(stream.readHead().status()).isEqualTo(200);
                    assertThat(stream.readChunk()).isNotEmpty();
                }
                try (RedisCache redis = RedisCache.connect("redis://127.0.0.1:6379/0", prefix)) {
                    assertThat(pending(redis, userId)).as("the streams' estimates are pending")
                            .isEqualTo(STREAMS * body.length() * 2_500L);
                }

                gateway.signal("KILL");
                gateway.awaitExit(Duration.ofSeconds(20));
            } finally {
                for (RawHttp stream : streams) {
                    stream.close();
                }
            }
            assertThat(upstream.requestCount()).isEqualTo(STREAMS + 1);

            try (GatewayProcess restarted = start(env)) {
                restarted.awaitPort(START);
                assertThat(restarted.output()).contains("usage intents reconciled at start: " + STREAMS
                        + " (pending quota holds released: " + STREAMS + ")");
                try (RedisCache redis = RedisCache.connect("redis://127.0.0.1:6379/0", prefix)) {
                    assertThat(pending(redis, userId)).as("pending after the restart").isZero();
                }
                restarted.terminate();
                assertThat(restarted.awaitExit(Duration.ofSeconds(30))).isZero();
            }
        }
        try (Store store = JdbcStore.open(Settings.sqliteDsn(dataDir))) {
            List<Row> rows = store.list(Schema.USAGES, Query.all());
            assertThat(rows).hasSize(STREAMS + 1);
            long billed = rows.stream().mapToLong(r -> r.longValue("cost")).sum();
            Row quota = store.list(Schema.QUOTAS, Query.where("scope_id", userId)).getFirst();
            assertThat(quota.longValue("cost_used")).as("the ledger equals the usage rows").isEqualTo(billed);
            assertThat(billed).isGreaterThan(STREAMS * body.length() * 2_500L);
            assertThat(store.count(Schema.USAGE_INTENTS, Query.all())).isZero();
        }
    }

    /** The user's pending quota as admission reads it: the current and the previous 15-minute generation. */
    private static long pending(RedisCache redis, long userId) {
        long generation = Math.floorDiv(System.currentTimeMillis(), Duration.ofMinutes(15).toMillis());
        long sum = 0;
        for (long g = generation - 1; g <= generation; g++) {
            sum += redis.get("qp:user:" + userId + ":" + g).map(Long::parseLong).orElse(0L);
        }
        return sum;
    }

    private GatewayProcess start() throws Exception {
        return start(Map.of("GPROXY_ADMIN_PASSWORD", PASSWORD));
    }

    private GatewayProcess start(Map<String, String> env) throws Exception {
        return GatewayProcess.start(MAIN, List.of("--data-dir", dataDir.toString(), "--port", "0"), env);
    }

    private static String adminKey(GatewayProcess gateway) throws Exception {
        assertThat(gateway.awaitLine("API key:", Duration.ofSeconds(10))).as(gateway.output()).isTrue();
        Matcher key = API_KEY.matcher(gateway.output());
        assertThat(key.find()).isTrue();
        return key.group(1);
    }

    /** Polls the database the running process writes (SQLite WAL allows a second reader). */
    private void awaitUsageRows(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Store store = JdbcStore.open(Settings.sqliteDsn(dataDir))) {
            while (store.count(Schema.USAGES, Query.all()) < expected) {
                assertThat(System.nanoTime()).as("usage rows written in time").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private record Payer(long userId, String key) {
    }

    /** The admin calls that give the process one provider, a price and one permitted user key. */
    private record Admin(int port, String adminKey) {
        Payer setUp(URI upstream) throws Exception {
            long provider = ok(post("/admin/providers", adminKey, "{\"name\":\"fake\",\"channel\":\"openai\","
                    + "\"settings_json\":{\"base_url\":\"" + upstream + "\"}}")).path("id").asLong();
            ok(post("/admin/providers/" + provider + "/credentials", adminKey,
                    "{\"name\":\"k\",\"secret_json\":{\"api_key\":\"sk-upstream\"}}"));
            ok(post("/admin/price-rules", adminKey, "{\"model_match\":\"gpt-4o-mini\",\"input_price\":\"2.5\","
                    + "\"output_price\":\"10\"}"));
            long user = ok(post("/admin/users", adminKey, "{\"name\":\"payer\"}")).path("id").asLong();
            ok(post("/admin/route-permissions", adminKey, "{\"scope\":\"user\",\"scope_id\":" + user
                    + ",\"route_pattern\":\"*\"}"));
            return new Payer(user, ok(post("/admin/users/" + user + "/keys", adminKey, "{\"label\":\"t\"}"))
                    .path("api_key").asText());
        }

        HttpResponse<String> post(String path, String bearer, String json) throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private static JsonNode ok(HttpResponse<String> res) {
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            return Json.parse(res.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
