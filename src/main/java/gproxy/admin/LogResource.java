package gproxy.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.admin.LogFilters.Filter;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * The request logs (reference §3.2 "Observability"): {@code GET /admin/logs} lists requests newest
 * first without their bodies and headers (the downstream rows; {@code side=upstream} lists the
 * attempts instead), {@code GET /admin/logs/{request_id}/downstream|upstream} shows one request's
 * rows whole, {@code DELETE /admin/logs} purges both sides by time, request id or provider (no filter:
 * everything). Reads flush the writer first, so an operator sees the request they just made.
 */
final class LogResource {
    /** Columns left out of lists: the detail routes show them. */
    private static final Set<String> HEAVY = Set.of("headers_json", "body", "response_body");
    private static final Map<String, Filter> DOWNSTREAM = filters(Map.of("user_id", Filter.number("user_id"),
            "user_key_id", Filter.number("user_key_id"), "key_id", Filter.number("user_key_id"),
            "route_name", Filter.text("route_name"), "model", Filter.text("model"),
            "error_code", Filter.text("error_code"), "method", Filter.text("method"), "path", Filter.text("path")));
    private static final Map<String, Filter> UPSTREAM = filters(Map.of("credential_id", Filter.number("credential_id"),
            "model", Filter.text("model"), "disposition", Filter.text("disposition"),
            "attempt", Filter.number("attempt")));
    private static final Map<String, Filter> PURGE = Map.of("request_id", Filter.text("request_id"),
            "provider_id", Filter.number("provider_id"));

    private final Store store;
    private final Runnable flush;

    LogResource(Store store, Runnable flush) {
        this.store = store;
        this.flush = flush;
    }

    /** Filters both sides share, plus the side's own. */
    private static Map<String, Filter> filters(Map<String, Filter> own) {
        Map<String, Filter> all = new LinkedHashMap<>(own);
        all.put("request_id", Filter.text("request_id"));
        all.put("provider_id", Filter.number("provider_id"));
        all.put("status", Filter.number("status"));
        return Map.copyOf(all);
    }

    Reply list(Call call) {
        String side = call.query("side").orElse("downstream");
        Table table = switch (side) {
            case "downstream" -> Schema.DOWNSTREAM_REQUESTS;
            case "upstream" -> Schema.UPSTREAM_REQUESTS;
            default -> throw GatewayException.invalid("side", "\"" + side + "\" (expected: downstream or upstream)");
        };
        Query query = LogFilters.read(call, table == Schema.DOWNSTREAM_REQUESTS ? DOWNSTREAM : UPSTREAM,
                Set.of("side"));
        flush.run();
        return Reply.json(rows(table, store.list(table, query), true));
    }

    Reply downstream(Call call) {
        flush.run();
        List<Row> rows = store.list(Schema.DOWNSTREAM_REQUESTS, Query.where("request_id", requestId(call)));
        if (rows.isEmpty()) {
            throw GatewayException.notFound("downstream log of request " + requestId(call));
        }
        return Reply.json(RowCodec.toJson(Schema.DOWNSTREAM_REQUESTS, rows.getFirst()));
    }

    Reply upstream(Call call) {
        flush.run();
        List<Row> rows = store.list(Schema.UPSTREAM_REQUESTS, Query.where("request_id", requestId(call)));
        if (rows.isEmpty()) {
            throw GatewayException.notFound("upstream log of request " + requestId(call));
        }
        return Reply.json(rows(Schema.UPSTREAM_REQUESTS, rows, false));
    }

    Reply purge(Call call) {
        Query query = LogFilters.purge(call, PURGE);
        flush.run();
        ObjectNode deleted = Json.object();
        deleted.put("downstream", store.deleteLogs(Schema.DOWNSTREAM_REQUESTS, query));
        deleted.put("upstream", store.deleteLogs(Schema.UPSTREAM_REQUESTS, query));
        ObjectNode body = Json.object();
        body.set("deleted", deleted);
        return Reply.json(body);
    }

    /** The request id segment of {@code /logs/{request_id}/…}. */
    private static String requestId(Call call) {
        String[] segments = call.req().path().path().split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equals("logs")) {
                return java.net.URLDecoder.decode(segments[i + 1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("not a /logs/{request_id} path");
    }

    private static ArrayNode rows(Table table, List<Row> rows, boolean light) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Row row : rows) {
            ObjectNode json = RowCodec.toJson(table, row);
            if (light) {
                json.remove(HEAVY);
            }
            out.add(json);
        }
        return out;
    }
}
