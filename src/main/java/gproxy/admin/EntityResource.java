package gproxy.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Column;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Store;

/**
 * Generic CRUD over an {@link Entity}: list, get, upsert (create without {@code id}, partial update
 * with it) and delete, top-level or nested under a parent id taken from the path. Values are
 * type-checked by the column codec, then required fields, then the entity's validator, all inside
 * the write transaction.
 */
final class EntityResource {
    private final Store store;
    private final ConfigWriter writer;

    EntityResource(Store store, ConfigWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    Reply list(Entity e, Call call) {
        return Reply.json(views(e, store.list(e.table(), Query.all())));
    }

    Reply get(Entity e, Call call) {
        return Reply.json(e.shape().view(e.table(), find(e, call.id())));
    }

    Reply upsert(Entity e, Call call) {
        return Reply.json(save(e, call.body(), Optional.empty()));
    }

    Reply delete(Entity e, Call call) {
        long id = call.id();
        writer.write(tx -> {
            if (!tx.delete(e.table(), id)) {
                throw notFound(e, id); // nothing changed: roll back, no reload
            }
            return id;
        });
        return Reply.noContent();
    }

    /** {@code GET /admin/{parent}/{pid}/{children}}: 404 when the parent does not exist. */
    Reply listUnder(Entity e, Call call) {
        Entity.Parent parent = e.requireParent();
        long pid = call.id("pid");
        if (store.find(parent.table(), pid).isEmpty()) {
            throw GatewayException.notFound(parent.table().name() + " " + pid);
        }
        return Reply.json(views(e, store.list(e.table(), Query.where(parent.column(), pid))));
    }

    /** {@code GET /admin/{parent}/{pid}/{children}/{id}}: 404 unless the row belongs to the parent. */
    Reply getUnder(Entity e, Call call) {
        Row row = find(e, call.id());
        if (!row.optionalLong(e.requireParent().column()).equals(Optional.of(call.id("pid")))) {
            throw notFound(e, call.id());
        }
        return Reply.json(e.shape().view(e.table(), row));
    }

    Reply upsertUnder(Entity e, Call call) {
        return Reply.json(save(e, call.body(), Optional.of(call.id("pid"))));
    }

    /** Validates and saves one record in its own transaction; returns the reply body. */
    ObjectNode save(Entity e, JsonNode body, Optional<Long> parentId) {
        Row parsed = parse(e, body, parentId);
        return writer.write(tx -> saveIn(tx, e, body, parsed, parentId));
    }

    /** Parses a body and binds it to the parent from the path (a different parent in the body is a 400). */
    Row parse(Entity e, JsonNode body, Optional<Long> parentId) {
        Row parsed = RowCodec.fromJson(e.table(), body, e.shape().bodyFields());
        if (parentId.isEmpty()) {
            return parsed;
        }
        String column = e.requireParent().column();
        Optional<Long> given = parsed.values().containsKey(column) && parsed.get(column) != null
                ? parsed.optionalLong(column) : Optional.empty();
        if (given.isPresent() && !given.equals(parentId)) {
            throw GatewayException.invalid(column, given.get() + " (expected: " + parentId.get()
                    + " as in the path, or absent)");
        }
        if (parsed.values().containsKey(column) && parsed.get(column) == null) {
            throw GatewayException.invalid(column, "must not be null");
        }
        return parsed.with(column, parentId.get());
    }

    ObjectNode saveIn(Store.Tx tx, Entity e, JsonNode body, Row parsed, Optional<Long> parentId) {
        if (parentId.isPresent()) {
            Entity.Parent parent = e.requireParent();
            if (tx.find(parent.table(), parentId.get()).isEmpty()) {
                throw GatewayException.notFound(parent.table().name() + " " + parentId.get());
            }
        }
        Optional<Row> existing = parsed.id().map(id -> tx.find(e.table(), id).orElseThrow(() -> notFound(e, id)));
        if (existing.isPresent() && parentId.isPresent()
                && !existing.get().optionalLong(e.requireParent().column()).equals(parentId)) {
            throw notFound(e, existing.get().requireId());
        }
        RecordShape.Staged staged = e.shape().stage(e.table(), body, parsed, existing);
        checkPresence(e, staged.row(), existing.isEmpty());
        e.validator().check(merge(existing, staged.row()), existing, tx);
        Row saved = tx.save(e.table(), staged.row());
        return staged.finish().apply(tx, saved);
    }

    Row find(Entity e, long id) {
        return store.find(e.table(), id).orElseThrow(() -> notFound(e, id));
    }

    static GatewayException notFound(Entity e, long id) {
        return GatewayException.notFound(e.path() + " " + id);
    }

    private ArrayNode views(Entity e, Iterable<Row> rows) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        rows.forEach(row -> out.add(e.shape().view(e.table(), row)));
        return out;
    }

    /** Required columns are given on create; no NOT NULL column is set to null; required text is not blank. */
    private static void checkPresence(Entity e, Row row, boolean creating) {
        for (Column column : e.table().columns()) {
            String name = column.name();
            Object value = row.get(name);
            if (creating && column.required() && value == null) {
                throw GatewayException.invalid(name, "is required");
            }
            if (row.values().containsKey(name) && value == null && !column.nullable()) {
                throw GatewayException.invalid(name, "must not be null");
            }
            if (value instanceof String s && s.isBlank() && !column.nullable()) {
                throw GatewayException.invalid(name, "must not be blank");
            }
        }
    }

    private static Row merge(Optional<Row> existing, Row update) {
        if (existing.isEmpty()) {
            return update;
        }
        Map<String, Object> values = new LinkedHashMap<>(existing.get().values());
        values.putAll(update.values());
        return new Row(values);
    }
}
