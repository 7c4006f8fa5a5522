package gproxy.translate.responsesgemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Null-free reads from a JSON tree: absent, JSON null and the wrong type all read as empty. */
final class Nodes {
    private Nodes() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() ? value.asLong() : 0L;
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return !value.isMissingNode() && !value.isNull();
    }

    /** The elements of an array field; a missing or non-array field is an empty list. */
    static List<JsonNode> elements(JsonNode node, String field) {
        JsonNode value = node.path(field);
        List<JsonNode> out = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }
}
