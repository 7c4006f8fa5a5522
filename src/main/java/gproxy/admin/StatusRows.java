package gproxy.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import gproxy.engine.HealthTransition;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * One health edge as a status row: credential-wide edges go to {@code credential_statuses}, model
 * edges to {@code credential_model_statuses}, each upserted by its unique key (credential, the
 * provider's channel, and the model). The row keeps the last edge: {@code health_kind},
 * {@code health_json}, {@code checked_at}; {@code last_error} keeps the last failure's reason
 * across a recovery, so an operator still sees why the credential was down.
 */
final class StatusRows {

    private StatusRows() {
    }

    static Table table(HealthTransition t) {
        return t.model().isPresent() ? Schema.CREDENTIAL_MODEL_STATUSES : Schema.CREDENTIAL_STATUSES;
    }

    /** Writes the edge; nothing when the credential is gone (its status rows went with it). */
    static void upsert(Store.Tx tx, HealthTransition t) {
        Optional<String> channel = tx.find(Schema.CREDENTIALS, t.credentialId())
                .flatMap(c -> tx.find(Schema.PROVIDERS, c.longValue("provider_id")))
                .map(p -> p.text("channel"));
        if (channel.isEmpty()) {
            return;
        }
        Table table = table(t);
        Query key = Query.where("credential_id", t.credentialId()).and("channel", channel.get());
        if (t.model().isPresent()) {
            key = key.and("model_id", t.model().get());
        }
        Optional<Row> stored = tx.list(table, key.limit(1)).stream().findFirst();
        Map<String, Object> values = new LinkedHashMap<>();
        if (stored.isPresent()) {
            values.put("id", stored.get().requireId());
        } else {
            values.putAll(key.equals());
        }
        values.put("health_kind", t.kind().id());
        values.put("health_json", Json.text(t.healthJson()));
        values.put("checked_at", t.at().getEpochSecond());
        if (t.kind() != HealthTransition.Kind.RECOVERED) {
            values.put("last_error", t.reason());
        }
        tx.save(table, new Row(values));
    }
}
