package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /admin/logs} and {@code /admin/audit} (reference §3.2 "Observability"): filters, paging,
 * the detail routes, purges and the 400s naming a bad filter. Rows are appended straight to the store
 * with chosen times, each test under its own model or target names, so tests do not see each other's.
 */
class LogsAdminTest {
    private static TestGateway gw;
    private static Store store;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        store = gw.gateway().store();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A downstream row and one upstream row for it; returns the request id. */
    private static String request(String model, long at, long userId, long status) {
        String id = unique("req");
        Map<String, Object> down = new LinkedHashMap<>(Map.of("request_id", id, "at", at, "method", "POST",
                "path", "/v1/chat/completions", "status", status, "model", model, "user_id", userId,
                "provider_id", 7L));
        down.put("body", "{\"secret-free\":true}");
        store.append(Schema.DOWNSTREAM_REQUESTS, List.of(Row.of(down)));
        store.append(Schema.UPSTREAM_REQUESTS, List.of(Row.of(Map.of("request_id", id, "at", at, "provider_id", 7L,
                "attempt", 1L, "status", status, "model", model, "disposition", "success",
                "response_body", "answer of " + id))));
        return id;
    }

    private static JsonNode get(String path) {
        HttpResponse<String> res = gw.send(gw.admin(path));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return TestGateway.json(res);
    }

    private static List<String> ids(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.path("request_id").asText()));
        return ids;
    }

    @Test
    void listShowsRequestsNewestFirstWithoutBodiesFilteredByModelUserStatusAndTime() {
        String model = unique("m");
        String a = request(model, 1_000, 1, 200);
        String b = request(model, 2_000, 2, 200);
        String c = request(model, 3_000, 1, 502);
        request(unique("other"), 2_000, 1, 200);

        JsonNode all = get("/admin/logs?model=" + model);
        assertThat(ids(all)).containsExactly(c, b, a);
        assertThat(all.get(0).has("body")).as("lists leave bodies to the detail routes").isFalse();
        assertThat(all.get(0).path("status").asLong()).isEqualTo(502);
        assertThat(ids(get("/admin/logs?model=" + model + "&user_id=1"))).containsExactly(c, a);
        assertThat(ids(get("/admin/logs?model=" + model + "&status=200"))).containsExactly(b, a);
        assertThat(ids(get("/admin/logs?model=" + model + "&at_from=2000&at_to=3000"))).containsExactly(c, b);
        assertThat(ids(get("/admin/logs?model=" + model + "&at_to=2000"))).containsExactly(b, a);
        assertThat(ids(get("/admin/logs?request_id=" + b))).containsExactly(b);
        assertThat(ids(get("/admin/logs?side=upstream&model=" + model + "&status=502"))).containsExactly(c);
    }

    @Test
    void cursorAndPageNumbersWalkEveryRequestOnce() {
        String model = unique("page");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(request(model, 100 + i, 1, 200));
        }
        List<String> newestFirst = made.reversed();

        JsonNode first = get("/admin/logs?model=" + model + "&limit=2");
        JsonNode second = get("/admin/logs?model=" + model + "&limit=2&before_id=" + first.get(1).path("id").asLong());
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(ids(get("/admin/logs?model=" + model + "&page=3&page_size=2")))
                .containsExactlyElementsOf(newestFirst.subList(4, 5));
        assertThat(ids(get("/admin/logs?model=" + model + "&page=4&page_size=2"))).isEmpty();
    }

    @Test
    void detailRoutesShowOneRequestWholeAndAnUnknownOneIs404() {
        String id = request(unique("detail"), 10, 1, 200);

        JsonNode down = get("/admin/logs/" + id + "/downstream");
        assertThat(down.path("request_id").asText()).isEqualTo(id);
        assertThat(down.path("body").asText()).isEqualTo("{\"secret-free\":true}");
        JsonNode up = get("/admin/logs/" + id + "/upstream");
        assertThat(up).hasSize(1);
        assertThat(up.get(0).path("response_body").asText()).isEqualTo("answer of " + id);
        HttpResponse<String> missing = gw.send(gw.admin("/admin/logs/0-nope/downstream"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(missing).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void aBadOrUnknownFilterIsA400NamingIt() {
        HttpResponse<String> bad = gw.send(gw.admin("/admin/logs?user_id=abc"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).at("/error/field").asText()).isEqualTo("user_id");

        HttpResponse<String> unknown = gw.send(gw.admin("/admin/logs?userid=1"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(unknown).at("/error/field").asText()).isEqualTo("userid");
        assertThat(TestGateway.json(unknown).at("/error/message").asText()).contains("user_id");

        assertThat(TestGateway.json(gw.send(gw.admin("/admin/logs?limit=1001"))).at("/error/field").asText())
                .isEqualTo("limit");
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/logs?at_from=5&at_to=4"))).at("/error/field").asText())
                .isEqualTo("at_to");
        assertThat(TestGateway.json(gw.send(gw.admin("/admin/logs?side=sideways"))).at("/error/field").asText())
                .isEqualTo("side");
        HttpResponse<String> purge = gw.send(gw.admin("/admin/logs?model=x").DELETE());
        assertThat(purge.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(purge).at("/error/field").asText()).isEqualTo("model");
    }

    @Test
    void purgeByRequestIdOrBeforeATimeDeletesBothSidesOfThoseRequestsOnly() {
        String model = unique("purge");
        String old = request(model, 50, 1, 200);
        String kept = request(model, 5_000_000_000L, 1, 200);
        String single = request(model, 5_000_000_001L, 1, 200);
        int auditedBefore = get("/admin/audit?action=DELETE&target=/admin/logs&status=200&limit=1000").size();

        JsonNode byId = TestGateway.json(gw.send(gw.admin("/admin/logs?request_id=" + single).DELETE()));
        assertThat(byId.path("deleted").path("downstream").asLong()).isEqualTo(1);
        assertThat(byId.path("deleted").path("upstream").asLong()).isEqualTo(1);
        JsonNode byTime = TestGateway.json(gw.send(gw.admin("/admin/logs?before=51").DELETE()));
        assertThat(byTime.path("deleted").path("downstream").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(ids(get("/admin/logs?model=" + model))).containsExactly(kept);
        assertThat(store.count(Schema.UPSTREAM_REQUESTS, Query.where("request_id", old))).isZero();
        assertThat(store.count(Schema.UPSTREAM_REQUESTS, Query.where("request_id", kept))).isEqualTo(1);
        assertThat(get("/admin/audit?action=DELETE&target=/admin/logs&status=200&limit=1000"))
                .as("a purge is a mutation: audited").hasSize(auditedBefore + 2);
    }

    @Test
    void auditFiltersByTimeAndIsPurgedBeforeATime() {
        String target = "/admin/" + unique("thing");
        store.append(Schema.AUDIT_LOGS, List.of(
                Row.of(Map.of("at", 10L, "action", "POST", "target", target, "status", 200L)),
                Row.of(Map.of("at", 20L, "action", "POST", "target", target, "status", 400L)),
                Row.of(Map.of("at", 30L, "action", "DELETE", "target", target, "status", 204L))));

        assertThat(get("/admin/audit?target=" + target + "&at_from=20")).hasSize(2);
        assertThat(get("/admin/audit?target=" + target + "&at_to=20&status=400")).hasSize(1);
        assertThat(get("/admin/audit?target=" + target + "&page=2&page_size=2")).hasSize(1)
                .allSatisfy(r -> assertThat(r.path("at").asLong()).isEqualTo(10));

        JsonNode purged = TestGateway.json(gw.send(gw.admin("/admin/audit?target=" + target + "&before=30").DELETE()));
        assertThat(purged.path("deleted").path("audit").asLong()).isEqualTo(2);
        assertThat(get("/admin/audit?target=" + target)).hasSize(1);
        HttpResponse<String> bad = gw.send(gw.admin("/admin/audit?at_from=yesterday"));
        assertThat(TestGateway.json(bad).at("/error/field").asText()).isEqualTo("at_from");
    }
}
