package gproxy.translate.geminichat;

import gproxy.translate.gemini.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * OpenAI tool call {@code arguments} (a JSON text) → Gemini {@code args} (a JSON object). Models do
 * emit broken or non-object arguments; Gemini cannot hold those, so the raw text is kept under
 * {@code "arguments"} rather than failing the turn.
 */
final class ChatArguments {
    private ChatArguments() {
    }

    static ObjectNode parse(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        return StrictJson.parse(arguments).filter(JsonNode::isObject).map(ObjectNode.class::cast)
                .orElseGet(() -> Json.object().put("arguments", arguments));
    }
}
