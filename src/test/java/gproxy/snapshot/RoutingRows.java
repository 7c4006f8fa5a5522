package gproxy.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Table;

/**
 * Control-plane rows for routing tests, shaped as the store returns them (defaults filled in), with
 * ids assigned in insertion order per table. {@link #routing()} indexes them the way a snapshot does.
 */
public final class RoutingRows {
    private final Map<String, List<Row>> rows = new LinkedHashMap<>();
    private final Map<String, Long> ids = new HashMap<>();

    public long provider(String name) {
        return provider(name, Map.of());
    }

    /** A provider of channel {@code openai}; {@code extra} overrides or adds columns. */
    public long provider(String name, Map<String, ?> extra) {
        return add(Schema.PROVIDERS, merge(Map.of("name", name, "channel", "openai", "settings_json", "{}",
                "credential_strategy", "round_robin", "enabled", true), extra));
    }

    public long credential(long providerId) {
        return credential(providerId, Map.of());
    }

    public long credential(long providerId, Map<String, ?> extra) {
        return add(Schema.CREDENTIALS, merge(Map.of("provider_id", providerId, "kind", "api_key",
                "secret_json", "{\"api_key\":\"k\"}", "weight", 100L, "enabled", true), extra));
    }

    public long route(String name, String strategy) {
        return route(name, strategy, Map.of());
    }

    public long route(String name, String strategy, Map<String, ?> extra) {
        return add(Schema.ROUTES, merge(Map.of("name", name, "strategy", strategy, "enabled", true), extra));
    }

    public long member(long routeId, long providerId, String model, long tier, long weight) {
        return member(routeId, providerId, model, tier, weight, Map.of());
    }

    public long member(long routeId, long providerId, String model, long tier, long weight, Map<String, ?> extra) {
        return add(Schema.ROUTE_MEMBERS, merge(Map.of("route_id", routeId, "provider_id", providerId,
                "upstream_model_id", model, "tier", tier, "weight", weight, "enabled", true), extra));
    }

    public long alias(String provider, String regex, String target, long sortOrder) {
        return alias(provider, regex, target, sortOrder, Map.of());
    }

    public long alias(String provider, String regex, String target, long sortOrder, Map<String, ?> extra) {
        return add(Schema.ALIASES, merge(Map.of("provider", provider, "alias", regex, "target", target,
                "sort_order", sortOrder, "enabled", true), extra));
    }

    public long model(long providerId, String modelId, String variantsJson) {
        Map<String, Object> values = new HashMap<>(Map.of("provider_id", providerId, "model_id", modelId,
                "enabled", true));
        if (variantsJson != null) {
            values.put("variants_json", variantsJson);
        }
        return add(Schema.PROVIDER_MODELS, values);
    }

    /** An enabled rule; {@code extra} may set dest_operation, dest_kind or enabled. */
    public long rule(long providerId, String operation, String kind, String implementation, Map<String, ?> extra) {
        return add(Schema.ROUTING_RULES, merge(Map.of("provider_id", providerId, "operation", operation,
                "kind", kind, "implementation", implementation, "sort_order", 0L, "enabled", true), extra));
    }

    public long passthrough(long providerId, String operation, String kind) {
        return rule(providerId, operation, kind, "passthrough", Map.of());
    }

    public Map<String, List<Row>> rows() {
        return rows;
    }

    public Routing routing() {
        return Routing.index(rows);
    }

    private long add(Table table, Map<String, Object> values) {
        long id = ids.merge(table.name(), 1L, Long::sum);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.putAll(values);
        rows.computeIfAbsent(table.name(), k -> new ArrayList<>()).add(Row.of(row));
        return id;
    }

    private static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> extra) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(extra);
        return out;
    }
}
