package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.logs.RequestLogs;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request logs end to end (features §8.3): a real gateway and fake upstreams, the four switches set
 * through the admin API between requests (live, no restart), the rows read back from the store.
 */
class RequestLogTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String UPSTREAM_KEY = "sk-upstream-secret-";
    private static TestGateway gw;
    private static TestGateway.User user;

    private FakeUpstream upstream;
    private String provider;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start();
        user = gw.user("log-user");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
        provider = "logs-" + NAMES.incrementAndGet();
        long id = gw.provider(provider, "openai", upstream.url());
        gw.credential(id, UPSTREAM_KEY + provider);
    }

    @AfterEach
    void stopUpstream() {
        Leaks.assertNoneInFlight(gw, upstream);
        upstream.close();
    }

    private static void switches(boolean downstream, boolean downstreamBody, boolean upstream, boolean upstreamBody) {
        gw.adminPost("/admin/instance-settings", "{\"enable_downstream_log\":" + downstream
                + ",\"enable_downstream_log_body\":" + downstreamBody + ",\"enable_upstream_log\":" + upstream
                + ",\"enable_upstream_log_body\":" + upstreamBody + "}");
    }

    private HttpResponse<String> chat(String model, String extra) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hello logs\"}]" + extra
                        + "}");
    }

    private static String requestId(HttpResponse<String> res) {
        return res.headers().firstValue("x-gproxy-request-id").orElseThrow();
    }

    /**
     * The rows of one request. They are queued as its exchange ends, just after the client read the last
     * byte; the in-flight count drops only after that (the request-id filter is the outermost), so once
     * no exchange is in flight, a flush (an admin log read flushes the writer) makes them readable.
     */
    private static List<Row> rows(gproxy.store.Table table, String requestId) {
        Leaks.assertNoneInFlight(gw);
        assertThat(gw.send(gw.admin("/admin/logs?limit=1")).statusCode()).isEqualTo(200);
        return gw.gateway().store().list(table, Query.where("request_id", requestId));
    }

    private static String everything(gproxy.store.Table table, List<Row> rows) {
        StringBuilder all = new StringBuilder();
        rows.forEach(r -> all.append(Json.text(RowCodec.toJson(table, r))));
        return all.toString();
    }

    @Test
    void withEverySwitchOffARequestWritesNoLogRows() {
        switches(false, false, false, false);
        upstream.enqueue(FakeResponses.openAiChat("up", "answer", Usage.of(2, 1)));

        HttpResponse<String> res = chat(provider + "/up", "");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(rows(Schema.DOWNSTREAM_REQUESTS, requestId(res))).isEmpty();
        assertThat(rows(Schema.UPSTREAM_REQUESTS, requestId(res))).isEmpty();
    }

    @Test
    void metadataOnlyWritesOneRowPerSideWithoutBodiesAndWithAuthRedacted() {
        switches(true, false, true, false);
        upstream.enqueue(FakeResponses.openAiChat("up", "answer", Usage.of(2, 1)));

        HttpResponse<String> res = chat(provider + "/up", "");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<Row> down = rows(Schema.DOWNSTREAM_REQUESTS, requestId(res));
        assertThat(down).hasSize(1);
        Row d = down.getFirst();
        assertThat(d.get("method")).isEqualTo("POST");
        assertThat(d.get("path")).isEqualTo("/v1/chat/completions");
        assertThat(d.get("status")).isEqualTo(200L);
        assertThat(d.get("user_id")).isEqualTo(user.id());
        assertThat(d.get("user_key_id")).isNotNull();
        assertThat(d.get("model")).isEqualTo(provider + "/up");
        assertThat(d.get("latency_ms")).isNotNull();
        assertThat(d.get("error_code")).isNull();
        assertThat(d.get("body")).isNull();
        assertThat(d.get("response_body")).isNull();
        JsonNode headers = Json.parse(d.text("headers_json").getBytes());
        assertThat(headers.path("authorization").asText()).isEqualTo("[redacted]");
        assertThat(d.text("headers_json")).doesNotContain(user.key());

        List<Row> up = rows(Schema.UPSTREAM_REQUESTS, requestId(res));
        assertThat(up).hasSize(1);
        Row u = up.getFirst();
        assertThat(u.get("status")).isEqualTo(200L);
        assertThat(u.get("attempt")).isEqualTo(1L);
        assertThat(u.get("disposition")).isEqualTo("success");
        assertThat(u.get("method")).isEqualTo("POST");
        assertThat(u.text("url")).startsWith(upstream.url().toString().replaceAll("/$", ""));
        assertThat(u.get("model")).isEqualTo("up");
        assertThat(u.get("body")).isNull();
        assertThat(u.get("response_body")).isNull();
        assertThat(Json.parse(u.text("headers_json").getBytes()).path("authorization").asText())
                .isEqualTo("[redacted]");
        assertThat(d.get("provider_id")).isEqualTo(u.get("provider_id"));
        assertThat(everything(Schema.UPSTREAM_REQUESTS, up)).doesNotContain(UPSTREAM_KEY);
    }

    @Test
    void bodiesOnCaptureTheRequestAndTheAnswerOnBothSidesWithSecretsRedacted() {
        switches(true, true, true, true);
        upstream.enqueue(FakeResponses.openAiChat("up", "the captured answer", Usage.of(2, 1)));

        HttpResponse<String> res = chat(provider + "/up", ",\"metadata\":{\"api_key\":\"sk-in-the-body\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row d = rows(Schema.DOWNSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(d.text("body")).contains("hello logs").contains("\"api_key\":\"[redacted]\"")
                .doesNotContain("sk-in-the-body");
        assertThat(d.text("response_body")).isEqualTo(res.body());
        Row u = rows(Schema.UPSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(u.text("body")).contains("hello logs").contains("\"model\":\"up\"")
                .doesNotContain("sk-in-the-body");
        assertThat(u.text("response_body")).contains("the captured answer");
        String all = everything(Schema.DOWNSTREAM_REQUESTS, List.of(d)) + everything(Schema.UPSTREAM_REQUESTS, List.of(u));
        assertThat(all).doesNotContain(user.key()).doesNotContain(UPSTREAM_KEY);
    }

    @Test
    void aStreamedAnswerIsCapturedWholeOnBothSidesAfterItsLastEvent() {
        switches(true, true, true, true);
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("Hel", "lo ", "stream"), Usage.of(3, 3)));

        HttpResponse<String> res = chat(provider + "/up", ",\"stream\":true");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        Row d = rows(Schema.DOWNSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(d.text("response_body")).isEqualTo(res.body()).contains("\"Hel\"").contains("\"stream\"")
                .contains("[DONE]");
        Row u = rows(Schema.UPSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(u.text("response_body")).contains("data: ").contains("\"lo \"").contains("[DONE]");
        assertThat(u.text("body")).contains("\"stream\":true");
    }

    @Test
    void aFailoverLogsEveryAttemptUpstreamAndOneDownstreamRow() {
        switches(true, false, true, true);
        FakeUpstream second = FakeUpstream.start();
        try {
            String route = "logs-route-" + NAMES.incrementAndGet();
            long b = gw.provider(route + "-b", "openai", second.url());
            gw.credential(b, UPSTREAM_KEY + route);
            long routeId = gw.route(route, "failover", "{}");
            gw.routeMember(routeId, gw.gateway().controlPlane().current().routing().provider(provider)
                    .orElseThrow().id(), "up", 0, 100);
            gw.routeMember(routeId, b, "up", 1, 100);
            upstream.enqueue(FakeResponses.openAiError(500, "first one broke"));
            second.enqueue(FakeResponses.openAiChat("up", "from the second", Usage.of(2, 1)));

            HttpResponse<String> res = chat(route, "");

            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(rows(Schema.DOWNSTREAM_REQUESTS, requestId(res))).hasSize(1)
                    .allSatisfy(d -> assertThat(d.get("route_name")).isEqualTo(route));
            List<Row> up = rows(Schema.UPSTREAM_REQUESTS, requestId(res));
            assertThat(up).extracting(r -> r.get("attempt"), r -> r.get("status"), r -> r.get("disposition"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 500L, "transient"),
                            org.assertj.core.groups.Tuple.tuple(2L, 200L, "success"));
            assertThat(up.getFirst().text("response_body")).contains("first one broke");
            assertThat(up.get(1).get("provider_id")).isEqualTo(b);
            Leaks.assertNoneInFlight(gw, second);
        } finally {
            second.close();
        }
    }

    @Test
    void aBodyOverTheCapIsKeptAsItsHeadWithATruncationMarkerWhileTheClientGetsItWhole() {
        switches(true, true, true, true);
        String big = "y".repeat(RequestLogs.DEFAULT_BODY_CAP * 2);
        upstream.enqueue(FakeResponses.openAiChat("up", big, Usage.of(2, 1)));

        HttpResponse<String> res = chat(provider + "/up", "");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).at("/choices/0/message/content").asText()).isEqualTo(big);
        Row d = rows(Schema.DOWNSTREAM_REQUESTS, requestId(res)).getFirst();
        String kept = d.text("response_body");
        assertThat(kept).startsWith(res.body().substring(0, 100))
                .endsWith("[gproxy: truncated, " + RequestLogs.DEFAULT_BODY_CAP + " of " + res.body().length()
                        + " bytes kept]");
        Row u = rows(Schema.UPSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(u.text("response_body")).contains("[gproxy: truncated, " + RequestLogs.DEFAULT_BODY_CAP + " of ");
    }

    @Test
    void aSwitchTurnedOffAppliesToTheNextRequestWithoutARestart() {
        switches(true, false, false, false);
        upstream.enqueue(FakeResponses.openAiChat("up", "one", Usage.of(2, 1)));
        upstream.enqueue(FakeResponses.openAiChat("up", "two", Usage.of(2, 1)));

        HttpResponse<String> logged = chat(provider + "/up", "");
        switches(false, false, false, false);
        HttpResponse<String> unlogged = chat(provider + "/up", "");

        assertThat(rows(Schema.DOWNSTREAM_REQUESTS, requestId(logged))).hasSize(1);
        assertThat(rows(Schema.UPSTREAM_REQUESTS, requestId(logged))).as("upstream switch off").isEmpty();
        assertThat(rows(Schema.DOWNSTREAM_REQUESTS, requestId(unlogged))).isEmpty();
    }

    @Test
    void aRequestRefusedBeforeAnyUpstreamIsLoggedWithItsStatusAndErrorCode() {
        switches(true, true, true, true);

        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions?key=sk-not-a-key")
                .header("x-api-key", "sk-wrong"), "{\"model\":\"" + provider + "/up\",\"messages\":[]}");

        assertThat(res.statusCode()).isEqualTo(401);
        Row d = rows(Schema.DOWNSTREAM_REQUESTS, requestId(res)).getFirst();
        assertThat(d.get("status")).isEqualTo(401L);
        assertThat(d.text("error_code")).isEqualTo(TestGateway.json(res).at("/error/code").asText());
        assertThat(d.text("query")).isEqualTo("key=[redacted]");
        assertThat(d.text("headers_json")).doesNotContain("sk-wrong");
        assertThat(d.text("response_body")).isEqualTo(res.body());
        assertThat(rows(Schema.UPSTREAM_REQUESTS, requestId(res))).isEmpty();
        assertThat(upstream.requestCount()).isZero();
    }
}
