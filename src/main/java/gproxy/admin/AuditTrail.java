package gproxy.admin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private static final int MAX_NAME = 255;
    private static final Map<String, LogFilters.Filter> FILTERS = Map.of(
            "actor", LogFilters.Filter.text("actor_name"), "actor_id", LogFilters.Filter.number("actor_id"),
            "action", LogFilters.Filter.text("action"), "target", LogFilters.Filter.text("target"),
            "status", LogFilters.Filter.number("status"), "source_ip", LogFilters.Filter.text("source_ip"));

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

    /**
     * {@code GET /admin/audit}: filters actor, actor_id, action, target, status, source_ip, the
     * {@code at_from}/{@code at_to} range, the {@code before_id} cursor or {@code page}/{@code page_size}.
     */
    Reply list(Call call) {
        Query query = LogFilters.read(call, FILTERS, Set.of());
        appends.flush();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        for (Row row : store.list(Schema.AUDIT_LOGS, query)) {
            rows.add(RowCodec.toJson(Schema.AUDIT_LOGS, row));
        }
        return Reply.json(rows);
    }

    /** {@code DELETE /admin/audit}: the same filters and range ({@code before} too); none purges everything. */
    Reply purge(Call call) {
        Query query = LogFilters.purge(call, FILTERS);
        appends.flush();
        ObjectNode deleted = Json.object();
        deleted.put("audit", store.deleteLogs(Schema.AUDIT_LOGS, query));
        ObjectNode body = Json.object();
        body.set("deleted", deleted);
        return Reply.json(body);
    }

    private static String clip(String value) {
        return value.length() <= MAX_NAME ? value : value.substring(0, MAX_NAME);
    }
}
