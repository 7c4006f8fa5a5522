package gproxy.admin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.AppendQueue;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Store;
import io.helidon.webserver.http.ServerRequest;

/**
 * The admin audit log: one {@code audit_logs} row per mutation (and per secret reveal, login and
 * logout) with the actor, method, path, final status and source IP — never a body, so secrets
 * cannot leak into it. Rows go through the {@link AppendQueue} (group-committed off the request,
 * flushed at shutdown); a read flushes first, so an operator always sees their own changes.
 * Reads are newest first with an id cursor.
 */
final class AuditTrail {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_NAME = 255;

    private final Store store;
    private final AppendQueue appends;
    private final Clock clock;
    private final ClientIp clientIp;

    AuditTrail(Store store, AppendQueue appends, Clock clock, ClientIp clientIp) {
        this.store = store;
        this.appends = appends;
        this.clock = clock;
        this.clientIp = clientIp;
    }

    void record(ServerRequest req, Actor actor, int status) {
        record(req, Optional.of(actor.id()), Optional.of(actor.name()), status);
    }

    /** A row for a caller that may be unknown (failed logins name the attempted user only). */
    void record(ServerRequest req, Optional<Long> actorId, Optional<String> actorName, int status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", clock.instant().getEpochSecond());
        row.put("actor_id", actorId.orElse(null));
        row.put("actor_name", actorName.map(AuditTrail::clip).orElse(null));
        row.put("action", req.prologue().method().text());
        row.put("target", req.path().absolute().path());
        row.put("status", (long) status);
        row.put("source_ip", clientIp.of(req));
        appends.offer(Schema.AUDIT_LOGS, new Row(row));
    }

    /** {@code GET /admin/audit}: filters actor, actor_id, action, target, status, source_ip. */
    Reply list(Call call) {
        Query query = Query.all().newestFirst().limit(limit(call));
        Optional<String> before = call.query("before_id");
        if (before.isPresent()) {
            query = query.before(number("before_id", before.get()));
        }
        query = filter(call, query, "actor", "actor_name", false);
        query = filter(call, query, "actor_id", "actor_id", true);
        query = filter(call, query, "action", "action", false);
        query = filter(call, query, "target", "target", false);
        query = filter(call, query, "status", "status", true);
        query = filter(call, query, "source_ip", "source_ip", false);
        appends.flush();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (Row row : store.list(Schema.AUDIT_LOGS, query)) {
            rows.add(RowCodec.toJson(Schema.AUDIT_LOGS, row));
        }
        return Reply.json(rows);
    }

    private static int limit(Call call) {
        Optional<String> raw = call.query("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit = number("limit", raw.get());
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayException.invalid("limit", limit + " (expected: 1 to " + MAX_LIMIT + ")");
        }
        return (int) limit;
    }

    private static Query filter(Call call, Query query, String param, String column, boolean numeric) {
        Optional<String> value = call.query(param);
        if (value.isEmpty()) {
            return query;
        }
        return query.and(column, numeric ? (Object) number(param, value.get()) : value.get());
    }

    private static long number(String param, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(param, "\"" + clip(value) + "\" (expected: an integer)");
        }
    }

    private static String clip(String value) {
        return value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}
