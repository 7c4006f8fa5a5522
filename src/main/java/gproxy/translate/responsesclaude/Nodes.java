package gproxy.translate.responsesclaude;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/** Null-free reads over Jackson trees: a missing or mistyped field reads as empty, never as a crash. */
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

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.textValue() : "";
    }

    static Optional<String> nonEmpty(JsonNode node, String field) {
        return Optional.of(text(node, field)).filter(s -> !s.isEmpty());
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return !value.isMissingNode() && !value.isNull();
    }

    static long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? Math.max(0, value.longValue()) : 0L;
    }

    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    static ArrayNode newArray() {
        return Json.MAPPER.createArrayNode();
    }

    /** Copies a number as it came (no float rounding), when it is one. */
    static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode value = from.path(field);
        if (value.isNumber()) {
            to.set(as, value);
        }
    }

    /** A tool's JSON arguments as Claude's {@code input} object; broken arguments are kept under a named key. */
    static JsonNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        return parse(arguments).filter(JsonNode::isObject)
                .orElseGet(() -> Json.object().put("_raw_arguments", arguments));
    }

    /** Claude's {@code input} object as Responses' {@code arguments} text. */
    static String argumentsText(JsonNode input) {
        return Json.text(input.isObject() ? input : Json.object());
    }
}
