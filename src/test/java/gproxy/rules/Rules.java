package gproxy.rules;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.store.Row;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/** Test helpers: rule rows compiled as the admin API stores them, and one-call shaping. */
final class Rules {
    private Rules() {
    }

    static CompiledRule rule(long id, String kind, String config) {
        return rule(id, kind, config, Map.of());
    }

    static CompiledRule rule(long id, String kind, String config, Map<String, Object> filters) {
        Map<String, Object> values = new HashMap<>(filters);
        values.put("id", id);
        values.put("kind", kind);
        values.put("config_json", config);
        return RuleCompiler.compile(Row.of(values));
    }

    static RuleInput input(Kind kind, String model) {
        return input(kind, Operation.GENERATE_CONTENT, model, Map.of());
    }

    static RuleInput input(Kind kind, Operation operation, String model, Map<String, String> headers) {
        WritableHeaders<?> h = WritableHeaders.create();
        headers.forEach((n, v) -> h.set(HeaderNames.create(n), v));
        return new RuleInput(OperationKey.of(operation, kind), model, Optional.empty(), h);
    }

    static RequestShaper.Shaped shape(List<CompiledRule> rules, RuleInput in, String body) {
        return shape(rules, "{}", in, body);
    }

    static RequestShaper.Shaped shape(List<CompiledRule> rules, String settings, RuleInput in, String body) {
        return RequestShaper.shape(rules, Json.parse(settings), in, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(RequestShaper.Shaped shaped) {
        return Json.parse(shaped.body());
    }

    static String text(RequestShaper.Shaped shaped) {
        return new String(shaped.body(), StandardCharsets.UTF_8);
    }
}
