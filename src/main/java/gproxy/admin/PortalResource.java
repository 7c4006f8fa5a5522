package gproxy.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.security.Passwords;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * The handlers of {@code /user/*}. Each one takes the caller's id from the session, never from the
 * request: usage is filtered to it, limits are those of its user → team → org chain, and a key that
 * is not the caller's answers 404 exactly like a missing one, so ids of other users' keys tell nothing.
 */
final class PortalResource {
    /** What a user may set on their own key; key material is the server's, owner and ids are the path's. */
    private static final Set<String> KEY_FIELDS = Set.of("label", "enabled");

    private final Store store;
    private final ConfigWriter writer;
    private final EntityResource entities;
    private final Entity userKeys;
    private final UsageResource usage;
    private final Sessions sessions;

    PortalResource(Store store, ConfigWriter writer, EntityResource entities, Entity userKeys, UsageResource usage,
                   Sessions sessions) {
        this.sessions = sessions;
        this.store = store;
        this.writer = writer;
        this.entities = entities;
        this.userKeys = userKeys;
        this.usage = usage;
    }

    /** {@code {id, name, is_admin, org_id, org_name, team_id, team_name}} (reference §3.2). */
    Reply me(Call call) {
        Row user = user(call);
        ObjectNode out = Json.object().put("id", user.requireId()).put("name", user.text("name"))
                .put("is_admin", user.bool("is_admin"));
        named(out, "org", user.optionalLong("org_id"), Schema.ORGS);
        named(out, "team", user.optionalLong("team_id"), Schema.TEAMS);
        return Reply.json(out);
    }

    Reply usage(Call call) {
        return usage.list(call, Optional.of(callerId(call)));
    }

    Reply usageSummary(Call call) {
        return usage.summary(call, Optional.of(callerId(call)));
    }

    Reply usageRollups(Call call) {
        return usage.rollups(call, Optional.of(callerId(call)));
    }

    /** The quotas of the chain with their live spend (the store's, which every commit advances atomically). */
    Reply quota(Call call) {
        return Reply.json(scoped(call, Schema.QUOTAS));
    }

    Reply rateLimits(Call call) {
        return Reply.json(scoped(call, Schema.RATE_LIMITS));
    }

    Reply routePermissions(Call call) {
        return Reply.json(scoped(call, Schema.ROUTE_PERMISSIONS));
    }

    Reply keys(Call call) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        store.list(Schema.USER_KEYS, Query.where("user_id", callerId(call)))
                .forEach(row -> out.add(userKeys.shape().view(Schema.USER_KEYS, row)));
        return Reply.json(out);
    }

    /** A new key of the caller's; the plaintext {@code api_key} is in this answer and never again. */
    Reply createKey(Call call) {
        JsonNode body = keyBody(call);
        return Reply.json(entities.save(userKeys, body, Optional.of(callerId(call))));
    }

    /** {@code PATCH /user/keys/{id}}: label and enabled only. */
    Reply updateKey(Call call) {
        ObjectNode body = keyBody(call).deepCopy();
        ownKey(call);
        body.put("id", call.id());
        return Reply.json(entities.save(userKeys, body, Optional.of(callerId(call))));
    }

    Reply deleteKey(Call call) {
        long id = ownKey(call).requireId();
        long owner = callerId(call);
        writer.write(tx -> {
            // re-checked inside the transaction: the key cannot change hands between the check and the delete
            if (!tx.find(Schema.USER_KEYS, id).flatMap(k -> k.optionalLong("user_id")).equals(Optional.of(owner))
                    || !tx.delete(Schema.USER_KEYS, id)) {
                throw notFound(id);
            }
            return id;
        });
        return Reply.noContent();
    }

    /**
     * {@code {"current_password","new_password"}}: the current one must match; the new one is
     * policy-checked. Ends the user's other sessions (they were opened under the old password); the
     * session that made the change is rebound to the new one.
     */
    Reply changePassword(Call call) {
        JsonNode body = call.body();
        String current = textField(body, "current_password");
        String replacement = textField(body, "new_password");
        Row user = user(call);
        if (!user.optionalText("password").map(stored -> Passwords.verify(current, stored)).orElse(false)) {
            throw GatewayException.invalid("current_password", "does not match (expected: your current password)");
        }
        Passwords.checkPolicy("new_password", replacement);
        String hash = Passwords.hash(replacement);
        writer.write(tx -> tx.save(Schema.USERS, Row.of(Map.of("id", user.requireId(), "password", hash))));
        call.actor().flatMap(Actor::session).ifPresent(token -> sessions.rebind(token, user.requireId(),
                Optional.of(hash)));
        return Reply.noContent();
    }

    private Row ownKey(Call call) {
        long id = call.id();
        return store.find(Schema.USER_KEYS, id)
                .filter(k -> k.optionalLong("user_id").equals(Optional.of(callerId(call))))
                .orElseThrow(() -> notFound(id));
    }

    private static JsonNode keyBody(Call call) {
        JsonNode body = call.body();
        if (!body.isObject()) {
            throw GatewayException.invalid("body", "not an object (expected: {\"label\",\"enabled\"})");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!KEY_FIELDS.contains(name)) {
                throw GatewayException.invalid(name, "cannot be set here (expected only " + KEY_FIELDS
                        + "; keys are generated by the server and belong to the caller)");
            }
        });
        return body;
    }

    /** The rows of {@code table} scoped to the caller, their team and their org, in that order. */
    private ArrayNode scoped(Call call, Table table) {
        Row user = user(call);
        List<Map.Entry<String, Long>> chain = new ArrayList<>();
        chain.add(Map.entry("user", user.requireId()));
        user.optionalLong("team_id").ifPresent(id -> chain.add(Map.entry("team", id)));
        user.optionalLong("org_id").ifPresent(id -> chain.add(Map.entry("org", id)));
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Map.Entry<String, Long> scope : chain) {
            store.list(table, Query.where("scope", scope.getKey()).and("scope_id", scope.getValue()))
                    .forEach(row -> out.add(RowCodec.toJson(table, row)));
        }
        return out;
    }

    private void named(ObjectNode out, String prefix, Optional<Long> id, Table table) {
        Optional<Row> row = id.flatMap(i -> store.find(table, i));
        if (row.isEmpty()) {
            out.putNull(prefix + "_id").putNull(prefix + "_name");
            return;
        }
        out.put(prefix + "_id", row.get().requireId()).put(prefix + "_name", row.get().text("name"));
    }

    /** The caller's row, fresh from the store (the session was checked against it a moment ago). */
    private Row user(Call call) {
        return store.find(Schema.USERS, callerId(call)).orElseThrow(GatewayException::unauthorized);
    }

    private static long callerId(Call call) {
        return call.actor().orElseThrow(GatewayException::unauthorized).id();
    }

    private static String textField(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual()) {
            // never echo the value: it is a password
            throw GatewayException.invalid(name, "missing or not a string (expected: a string)");
        }
        return value.textValue();
    }

    private static GatewayException notFound(long id) {
        return GatewayException.notFound("user-keys " + id);
    }
}
