package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The pieces of a Chat answer → Gemini parts: reasoning as a {@code thought} part (Chat upstreams
 * that reason send {@code reasoning_content}, or {@code reasoning} on OpenRouter), text and refusals
 * as text, tool calls as whole {@code functionCall} parts keeping the Chat id as Gemini's {@code id}.
 */
final class ChatToGeminiParts {
    private ChatToGeminiParts() {
    }

    static Optional<String> reasoning(JsonNode messageOrDelta) {
        return Nodes.text(messageOrDelta, "reasoning_content").or(() -> Nodes.text(messageOrDelta, "reasoning"))
                .filter(t -> !t.isEmpty());
    }

    /** Text of {@code content} (a string, or text parts some upstreams send) and {@code refusal}. */
    static String text(JsonNode messageOrDelta) {
        StringBuilder text = new StringBuilder();
        JsonNode content = messageOrDelta.path("content");
        if (content.isTextual()) {
            text.append(content.asText());
        }
        content.forEach(p -> Nodes.text(p, "text").ifPresent(text::append));
        Nodes.text(messageOrDelta, "refusal").ifPresent(text::append);
        return text.toString();
    }

    static ObjectNode thought(String text) {
        return Json.object().put("text", text).put("thought", true);
    }

    static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    static ObjectNode functionCall(String id, String name, String arguments) {
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall");
        if (!id.isEmpty()) {
            call.put("id", id);
        }
        call.put("name", name);
        call.set("args", ChatArguments.parse(arguments));
        return part;
    }

    /** All parts of a whole Chat message, in Gemini's order: thought, text, calls. */
    static ArrayNode message(JsonNode message) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        reasoning(message).ifPresent(r -> parts.add(thought(r)));
        String text = text(message);
        if (!text.isEmpty()) {
            parts.add(text(text));
        }
        for (JsonNode call : Nodes.elements(message, "tool_calls")) {
            JsonNode function = call.path("function");
            parts.add(functionCall(Nodes.text(call, "id").orElse(""), Nodes.text(function, "name").orElse(""),
                    Nodes.text(function, "arguments").orElse("")));
        }
        if (parts.isEmpty()) {
            parts.add(text("")); // Gemini answers always carry a part; clients read parts[0]
        }
        return parts;
    }
}
