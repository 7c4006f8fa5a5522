package gproxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.engine.Health;
import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * The credential health views (features §8.5) and the operator reset. The rows are this instance's
 * persisted health edges; deleting them also clears the in-memory breakers and cooldowns, which
 * are what requests actually consult. Status writes are soft state: straight to the store, no
 * snapshot reload.
 */
final class CredentialStatusResource {
    private final Store store;
    private final Health health;

    CredentialStatusResource(Store store, Health health) {
        this.store = store;
        this.health = health;
    }

    /** {@code GET /admin/credentials/{id}/status}. */
    Reply status(Call call) {
        return ofCredential(Schema.CREDENTIAL_STATUSES, call);
    }

    /** {@code GET /admin/credentials/{id}/model-statuses}. */
    Reply modelStatuses(Call call) {
        return ofCredential(Schema.CREDENTIAL_MODEL_STATUSES, call);
    }

    /** {@code DELETE /admin/credentials/{id}/status}: forget the credential-wide rows and all in-memory health. */
    Reply resetStatus(Call call) {
        return reset(Schema.CREDENTIAL_STATUSES, call);
    }

    /** {@code DELETE /admin/credentials/{id}/model-statuses}. */
    Reply resetModelStatuses(Call call) {
        return reset(Schema.CREDENTIAL_MODEL_STATUSES, call);
    }

    /** {@code GET /admin/credential-statuses}, filters {@code credential_id} and {@code health_kind}. */
    Reply allStatuses(Call call) {
        return all(Schema.CREDENTIAL_STATUSES, call);
    }

    /** {@code GET /admin/credential-model-statuses}, same filters. */
    Reply allModelStatuses(Call call) {
        return all(Schema.CREDENTIAL_MODEL_STATUSES, call);
    }

    private Reply ofCredential(Table table, Call call) {
        long id = requireCredential(call);
        return Reply.json(views(table, Query.where("credential_id", id)));
    }

    /**
     * Health has one reset per credential, so either route clears both scopes in memory; the rows
     * go first so a request that trips the breaker again right after leaves a fresh row.
     */
    private Reply reset(Table table, Call call) {
        long id = requireCredential(call);
        store.write(tx -> {
            tx.list(table, Query.where("credential_id", id)).forEach(row -> tx.delete(table, row.requireId()));
            return null;
        });
        health.reset(id);
        return Reply.noContent();
    }

    private Reply all(Table table, Call call) {
        Query query = Query.all();
        if (call.query("credential_id").isPresent()) {
            query = query.and("credential_id", id(call.query("credential_id").get()));
        }
        if (call.query("health_kind").isPresent()) {
            query = query.and("health_kind", call.query("health_kind").get());
        }
        return Reply.json(views(table, query));
    }

    private long requireCredential(Call call) {
        long id = call.id();
        if (store.find(Schema.CREDENTIALS, id).isEmpty()) {
            throw GatewayException.notFound("credentials " + id);
        }
        return id;
    }

    private ArrayNode views(Table table, Query query) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Row row : store.list(table, query)) {
            out.add(RowCodec.toJson(table, row));
        }
        return out;
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw GatewayException.invalid("credential_id", Checks.quoted(text) + " (expected: an integer id)");
        }
    }
}
