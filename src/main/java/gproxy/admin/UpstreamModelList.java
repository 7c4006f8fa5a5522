package gproxy.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;

/**
 * A vendor's model list read into one shape: OpenAI and Anthropic list {@code data[].id} (with
 * {@code display_name}, or OpenRouter-style {@code name}); Gemini lists {@code models[].name} as
 * {@code models/{id}} with {@code displayName}. Entries without an id are skipped, duplicates kept
 * once.
 */
final class UpstreamModelList {

    /** One upstream model. */
    record Model(String id, Optional<String> displayName) {
    }

    private UpstreamModelList() {
    }

    /** @throws GatewayException 502 when the body is not that family's list */
    static List<Model> parse(Kind.Family family, byte[] body, int status) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (GatewayException e) {
            throw invalid(status, "not JSON");
        }
        JsonNode items = root.path(family == Kind.Family.GEMINI ? "models" : "data");
        if (!items.isArray()) {
            throw invalid(status, "no " + (family == Kind.Family.GEMINI ? "models" : "data") + " array");
        }
        List<Model> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode item : items) {
            Optional<Model> model = family == Kind.Family.GEMINI ? gemini(item) : openAiOrClaude(item);
            model.filter(m -> seen.add(m.id())).ifPresent(out::add);
        }
        return out;
    }

    static ArrayNode json(List<Model> models) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Model m : models) {
            var node = out.addObject().put("id", m.id());
            m.displayName().ifPresent(name -> node.put("display_name", name));
        }
        return out;
    }

    private static Optional<Model> openAiOrClaude(JsonNode item) {
        return text(item, "id").map(id -> new Model(id, text(item, "display_name").or(() -> text(item, "name"))
                .filter(name -> !name.equals(id))));
    }

    private static Optional<Model> gemini(JsonNode item) {
        return text(item, "name").map(name -> name.startsWith("models/") ? name.substring("models/".length()) : name)
                .filter(id -> !id.isEmpty())
                .map(id -> new Model(id, text(item, "displayName")));
    }

    private static Optional<String> text(JsonNode item, String field) {
        JsonNode v = item.path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText().strip()) : Optional.empty();
    }

    private static GatewayException invalid(int status, String problem) {
        return new UpstreamException("upstream_invalid_response", "the upstream's model list is unreadable: "
                + problem, status);
    }
}
