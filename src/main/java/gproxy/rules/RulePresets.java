package gproxy.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.store.Row;

/**
 * The ready-made rule sets (features §7.1, "[v3] provider defaults and presets"): the Claude
 * system-cache and message-cache breakpoints, and the OpenCode compatibility rules. They are
 * generic rule rows — the engine knows nothing of any client — kept in {@code presets.json} beside
 * this class and compiled when loaded, so a preset that would not pass the admin API's check fails
 * the build's tests, not an operator's click.
 */
public final class RulePresets {
    private static final Map<String, Preset> PRESETS = load();

    private RulePresets() {
    }

    /** One rule of a preset, as the {@code rules} table stores it (without set, order or id). */
    public record PresetRule(String kind, JsonNode config, Optional<String> modelPattern,
                             Optional<String> operationKeys, Optional<String> headerPattern) {

        /** The row to insert into {@code rules} for the set {@code ruleSetId} at {@code sortOrder}. */
        public Row row(long ruleSetId, long sortOrder) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("rule_set_id", ruleSetId);
            values.put("kind", kind);
            values.put("config_json", Json.text(config));
            modelPattern.ifPresent(v -> values.put("filter_model_pattern", v));
            operationKeys.ifPresent(v -> values.put("filter_operation_keys", v));
            headerPattern.ifPresent(v -> values.put("filter_header_pattern", v));
            values.put("sort_order", sortOrder);
            values.put("enabled", true);
            return Row.of(values);
        }
    }

    /** A named list of rules; applying it creates or refreshes the set {@link #setName()}. */
    public record Preset(String id, String name, String description, List<PresetRule> rules) {
        public Preset {
            rules = List.copyOf(rules);
        }

        /** The set a preset fills: {@code <preset> compatibility}, as GPROXY v3 names it. */
        public String setName() {
            return id + " compatibility";
        }
    }

    public static List<Preset> all() {
        return List.copyOf(PRESETS.values());
    }

    public static Optional<Preset> find(String id) {
        return Optional.ofNullable(PRESETS.get(id));
    }

    private static Map<String, Preset> load() {
        try (InputStream in = RulePresets.class.getResourceAsStream("presets.json")) {
            if (in == null) {
                throw new IllegalStateException("gproxy/rules/presets.json is missing from the build");
            }
            Map<String, Preset> out = new LinkedHashMap<>();
            for (JsonNode node : Json.parse(in.readAllBytes()).path("presets")) {
                Preset preset = preset(node);
                out.put(preset.id(), preset);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Preset preset(JsonNode node) {
        List<PresetRule> rules = new ArrayList<>();
        for (JsonNode rule : node.path("rules")) {
            PresetRule parsed = new PresetRule(rule.path("kind").asText(), rule.path("config"),
                    text(rule, "filter_model_pattern"), text(rule, "filter_operation_keys"),
                    text(rule, "filter_header_pattern"));
            RuleCompiler.compile(parsed.row(0, 0)); // a preset that does not compile is a build error
            rules.add(parsed);
        }
        return new Preset(node.path("id").asText(), node.path("name").asText(), node.path("description").asText(),
                rules);
    }

    /** A filter as stored: strings as they are, arrays (operation keys) as JSON text. */
    private static Optional<String> text(JsonNode rule, String field) {
        JsonNode value = rule.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.isTextual() ? value.asText() : Json.text(value));
    }
}
