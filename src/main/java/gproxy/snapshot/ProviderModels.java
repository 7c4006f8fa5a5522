package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.store.Row;

/**
 * One provider's enabled {@code provider_models}: their ids and the named-variant map. A v2
 * {@code variants_json} is a bare array of absolute variant ids ({@code ["gpt-image-2"]}) or
 * {@code {"expose_base": bool, "variants": [...]}}; each variant resolves to its row's model id.
 * Anything else is logged and read as "no variants".
 */
record ProviderModels(List<String> ids, Map<String, String> variants) {
    private static final Logger LOG = System.getLogger(ProviderModels.class.getName());
    static final ProviderModels NONE = new ProviderModels(List.of(), Map.of());

    ProviderModels {
        ids = List.copyOf(ids);
        variants = Map.copyOf(variants);
    }

    static Map<Long, ProviderModels> byProvider(List<Row> rows) {
        Map<Long, List<String>> ids = new HashMap<>();
        Map<Long, Map<String, String>> variants = new HashMap<>();
        for (Row r : rows) {
            if (!r.bool("enabled")) {
                continue;
            }
            long provider = r.longValue("provider_id");
            String base = r.text("model_id");
            ids.computeIfAbsent(provider, k -> new ArrayList<>()).add(base);
            Map<String, String> map = variants.computeIfAbsent(provider, k -> new HashMap<>());
            for (String variant : variantNames(r)) {
                // A variant named like its base would loop; an empty one names nothing.
                if (!variant.isEmpty() && !variant.equals(base)) {
                    map.put(variant, base);
                }
            }
        }
        Map<Long, ProviderModels> out = new HashMap<>();
        for (Map.Entry<Long, List<String>> e : ids.entrySet()) {
            out.put(e.getKey(), new ProviderModels(e.getValue(), variants.getOrDefault(e.getKey(), Map.of())));
        }
        return out;
    }

    private static List<String> variantNames(Row r) {
        if (!r.has("variants_json")) {
            return List.of();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(r.text("variants_json"));
        } catch (Exception e) {
            return unparsable(r);
        }
        JsonNode list = node != null && node.isObject() ? node.path("variants") : node;
        if (list == null || !list.isArray()) {
            return node == null || node.isNull() ? List.of() : unparsable(r);
        }
        List<String> names = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                return unparsable(r);
            }
            names.add(item.asText());
        }
        return names;
    }

    private static List<String> unparsable(Row r) {
        LOG.log(Level.WARNING, "provider_models " + r.id().orElse(0L) + ": variants_json is neither a name array nor "
                + "{\"variants\": [...]}; no variants");
        return List.of();
    }
}
