package gproxy.translate.claudegemini;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/** Null-free reads from a JSON tree: absent, JSON null and the wrong type all read as empty. */
final class Nodes {
    private Nodes() {
    }

    /** A client body: anything but a JSON object is the client's 400. */
    static JsonNode clientObject(byte[] body) {
        JsonNode node = Json.parse(body);
        if (!node.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        return node;
    }

    /** An upstream body: a malformed one is the upstream's fault (502), never the client's 400. */
    static JsonNode upstreamObject(byte[] body) {
        return parse(new String(body, StandardCharsets.UTF_8)).filter(JsonNode::isObject)
                .orElseThrow(() -> new GatewayException(502, "upstream_invalid_response",
                        "upstream answer is not a JSON object"));
    }

    /** Lenient parse for upstream events: malformed text is empty, so a bad event is dropped. */
    static Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static Optional<String> nonEmpty(JsonNode node, String field) {
        return text(node, field).filter(s -> !s.isEmpty());
    }

    static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() ? Math.max(0, value.asLong()) : 0L;
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

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }
}
