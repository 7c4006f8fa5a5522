package gproxy.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gproxy.channel.Channel;
import gproxy.channel.ChannelException;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.ProviderSettings;
import gproxy.error.GatewayException;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * A channel's declared routing matrix as {@code routing_rules} rows (features §4.4): inserted when a
 * provider is created through the admin API, rewritten cell by cell by a reset. A bundle import does
 * not come through here, so it seeds nothing (v2).
 */
final class RoutingRuleSeeds {

    private RoutingRuleSeeds() {
    }

    /** Inserts the defaults of a provider that has no rows yet (it was created in this transaction). */
    static void seed(Store.Tx tx, Row provider) {
        defaults(provider).forEach(row -> tx.save(Schema.ROUTING_RULES, row));
    }

    /**
     * Overwrites the declared cells with the defaults (enabled again, destination as declared) and
     * inserts the missing ones; rows for cells outside the declaration are left as they are.
     */
    static void reset(Store.Tx tx, Row provider) {
        Map<String, Long> stored = new HashMap<>();
        for (Row row : tx.list(Schema.ROUTING_RULES, Query.where("provider_id", provider.requireId()))) {
            stored.put(cell(row), row.requireId());
        }
        for (Row row : defaults(provider)) {
            Long id = stored.get(cell(row));
            tx.save(Schema.ROUTING_RULES, id == null ? row : row.with("id", id));
        }
    }

    /** One row per declared cell, in the channel's catalogue order. */
    static List<Row> defaults(Row provider) {
        long providerId = provider.requireId();
        List<Row> rows = new ArrayList<>();
        declared(provider).forEach((key, decision) -> rows.add(row(providerId, key, decision)));
        return rows;
    }

    private static Map<OperationKey, RoutingDecision> declared(Row provider) {
        String channelId = provider.text("channel");
        Channel channel = ChannelRegistry.builtIns().find(channelId).orElseThrow(() -> GatewayException.invalid(
                "channel", Checks.quoted(channelId) + " is not a channel of this build (expected: one of "
                        + String.join(", ", Channels.KNOWN) + ")"));
        try {
            ProviderSettings settings = ProviderSettings.parse(provider.optionalText("settings_json").orElse("{}"));
            return channel.defaultRoutingRules(settings);
        } catch (ChannelException e) {
            // The settings decide the matrix (custom's dialects): a bad value is the caller's 400.
            throw GatewayException.invalid("settings_json", e.getMessage());
        }
    }

    private static Row row(long providerId, OperationKey key, RoutingDecision decision) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("provider_id", providerId);
        values.put("operation", key.operation().id());
        values.put("kind", key.kind().id());
        values.put("implementation", decision.implementation());
        // Explicit nulls, so a reset clears a destination an operator added to a passthrough cell.
        values.put("dest_operation", null);
        values.put("dest_kind", null);
        if (decision instanceof RoutingDecision.TransformTo t) {
            values.put("dest_operation", t.destination().operation().id());
            values.put("dest_kind", t.destination().kind().id());
        }
        values.put("enabled", true);
        return new Row(values);
    }

    private static String cell(Row row) {
        return row.text("operation") + "/" + row.text("kind");
    }
}
