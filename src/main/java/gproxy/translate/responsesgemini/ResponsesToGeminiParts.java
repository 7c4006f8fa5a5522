package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.StrictJson;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Responses output items → Gemini parts: a reasoning item as a thought part (its summaries, and its
 * {@code encrypted_content} as the {@code thoughtSignature}, so a Gemini client that replays its
 * history replays the reasoning too), message text and refusals as text, a function call as a
 * whole {@code functionCall} whose {@code id} is the Responses call id. Built-in tool call items
 * (web search, …) have no Gemini form and are dropped.
 */
final class ResponsesToGeminiParts {
    private ResponsesToGeminiParts() {
    }

    static ArrayNode of(JsonNode item) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        switch (Nodes.text(item, "type").orElse("")) {
            case "reasoning" -> thought(item).ifPresent(parts::add);
            case "message" -> Nodes.elements(item, "content").forEach(p ->
                    Nodes.text(p, "text").or(() -> Nodes.text(p, "refusal")).ifPresent(t -> parts.add(text(t))));
            case "function_call" -> parts.add(functionCall(Nodes.text(item, "call_id").orElse(""), Nodes.text(item, "name").orElse(""),
                    Nodes.text(item, "arguments").orElse("")));
            default -> {
                // built-in tool calls: nothing a Gemini client can read
            }
        }
        return parts;
    }

    static Optional<ObjectNode> thought(JsonNode item) {
        StringBuilder text = new StringBuilder();
        var source = Nodes.elements(item, "summary").isEmpty() ? Nodes.elements(item, "content") : Nodes.elements(item, "summary");
        source.forEach(p -> Nodes.text(p, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n\n").append(t)));
        Optional<String> encrypted = Nodes.text(item, "encrypted_content").filter(e -> !e.isEmpty());
        if (text.isEmpty() && encrypted.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode part = Json.object().put("text", text.toString()).put("thought", true);
        encrypted.ifPresent(e -> part.put("thoughtSignature", Signatures.thoughtSignature(e)));
        return Optional.of(part);
    }

    static ObjectNode text(String text) {
        return Json.object().put("text", text);
    }

    static ObjectNode thoughtText(String text) {
        return Json.object().put("text", text).put("thought", true);
    }

    static ObjectNode functionCall(String callId, String name, String arguments) {
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall");
        if (!callId.isEmpty()) {
            call.put("id", callId);
        }
        call.put("name", name);
        JsonNode args = StrictJson.parse(arguments).filter(JsonNode::isObject).orElseGet(() ->
                arguments.isBlank() ? Json.object() : Json.object().put("arguments", arguments));
        call.set("args", args);
        return part;
    }

    static ObjectNode candidate(ArrayNode parts, Optional<String> finishReason) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        finishReason.ifPresent(r -> candidate.put("finishReason", r));
        candidate.put("index", 0);
        return candidate;
    }
}
