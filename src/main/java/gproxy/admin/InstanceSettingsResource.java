package gproxy.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.store.Column;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * {@code /admin/instance-settings}: the single settings row. GET shows it (or the defaults before
 * anything was saved); POST creates it or partially updates it, whatever id the body carries.
 */
final class InstanceSettingsResource {
    static final Entity SETTINGS = Entity.top("instance-settings", Schema.INSTANCE_SETTINGS,
            Checks.nonNegative("retention_days", "max_database_size_mb", "file_upload_max_in_flight"));

    private final Store store;
    private final ConfigWriter writer;
    private final EntityResource entities;

    InstanceSettingsResource(Store store, ConfigWriter writer, EntityResource entities) {
        this.store = store;
        this.writer = writer;
        this.entities = entities;
    }

    Reply get(Call call) {
        Row row = current(store.list(SETTINGS.table(), Query.all().limit(1)).stream().findFirst());
        return Reply.json(RowCodec.toJson(SETTINGS.table(), row));
    }

    Reply upsert(Call call) {
        JsonNode body = call.body();
        Row parsed = entities.parse(SETTINGS, body, Optional.empty());
        return Reply.json(writer.write(tx -> {
            Optional<Row> stored = tx.list(SETTINGS.table(), Query.all().limit(1)).stream().findFirst();
            Optional<Long> storedId = stored.flatMap(Row::id);
            if (parsed.id().isPresent() && !parsed.id().equals(storedId)) {
                throw GatewayException.invalid("id", parsed.id().get() + " (expected: "
                        + storedId.map(String::valueOf).orElse("absent, no settings are stored yet") + ")");
            }
            Row row = storedId.map(id -> parsed.with("id", id)).orElse(parsed);
            return entities.saveIn(tx, SETTINGS, body, row, Optional.empty());
        }));
    }

    /** The stored row, or the column defaults when none was saved yet (without an id). */
    private static Row current(Optional<Row> stored) {
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Column column : SETTINGS.table().columns()) {
            defaults.put(column.name(), column.defaultValue().orElse(null));
        }
        return new Row(defaults);
    }
}
