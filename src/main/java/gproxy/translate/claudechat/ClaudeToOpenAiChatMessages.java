package gproxy.translate.claudechat;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Claude {@code system} and {@code messages} as OpenAI Chat messages.
 *
 * <ul>
 *   <li>The system prompt becomes one leading {@code system} message; several system blocks are
 *       joined by blank lines, as OpenAI-compatible servers often take only a string there.</li>
 *   <li>User content keeps its shape (a string stays a string, blocks become parts).</li>
 *   <li>{@code tool_result} blocks become {@code role: tool} messages, ahead of the rest of their
 *       user turn, as OpenAI wants them right after the assistant's {@code tool_calls}. A tool
 *       message holds text only, so images in a result move to the user message that follows;
 *       {@code is_error} has no field and becomes an {@code Error: } prefix (approximated).</li>
 *   <li>Assistant text blocks are joined into one string; {@code tool_use} blocks become
 *       {@code tool_calls}; thinking blocks are dropped (OpenAI rejects them and keeps its own
 *       reasoning hidden); {@code cache_control} is dropped everywhere.</li>
 * </ul>
 */
final class ClaudeToOpenAiChatMessages {
    private ClaudeToOpenAiChatMessages() {
    }

    static ArrayNode convert(JsonNode claudeRequest) {
        JsonNode messages = claudeRequest.path("messages");
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "must be an array");
        }
        ArrayNode out = Nodes.newArray();
        system(claudeRequest.path("system"))
                .ifPresent(s -> out.add(Json.object().put("role", "system").put("content", s)));
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            switch (Nodes.text(m, "role")) {
                case "user" -> user(m.path("content"), out);
                case "assistant" -> assistant(m.path("content")).ifPresent(out::add);
                default -> throw GatewayException.invalid("messages[" + i + "].role", "must be user or assistant");
            }
        }
        return out;
    }

    private static Optional<String> system(JsonNode system) {
        if (system.isTextual()) {
            return Optional.of(system.textValue()).filter(s -> !s.isEmpty());
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : system) {
            String part = Nodes.text(block, "text");
            if (!part.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n\n").append(part);
            }
        }
        return Optional.of(text.toString()).filter(s -> !s.isEmpty());
    }

    private static void user(JsonNode content, ArrayNode out) {
        if (content.isTextual()) {
            out.add(message("user", content));
            return;
        }
        ArrayNode parts = Nodes.newArray();
        ArrayNode moved = Nodes.newArray(); // images from tool results, which a tool message cannot hold
        for (JsonNode block : content) {
            switch (Nodes.text(block, "type")) {
                case "tool_result" -> out.add(toolMessage(block, moved));
                case "text" -> parts.add(Nodes.textBlock(Nodes.text(block, "text")));
                default -> Media.openAiPart(block).ifPresent(parts::add);
            }
        }
        moved.addAll(parts);
        if (!moved.isEmpty()) {
            out.add(message("user", moved));
        }
    }

    private static ObjectNode toolMessage(JsonNode block, ArrayNode moved) {
        StringBuilder text = new StringBuilder(block.path("is_error").asBoolean(false) ? "Error: " : "");
        JsonNode content = block.path("content");
        if (content.isTextual()) {
            text.append(content.textValue());
        }
        boolean first = true;
        for (JsonNode inner : content.isArray() ? content : Nodes.newArray()) {
            if (Nodes.text(inner, "type").equals("text")) {
                text.append(first ? "" : "\n").append(Nodes.text(inner, "text"));
                first = false;
            } else {
                Media.openAiPart(inner).ifPresent(moved::add);
            }
        }
        ObjectNode message = Json.object().put("role", "tool").put("tool_call_id", Nodes.text(block, "tool_use_id"));
        message.put("content", text.toString());
        return message;
    }

    private static Optional<ObjectNode> assistant(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue().isEmpty() ? Optional.empty() : Optional.of(message("assistant", content));
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Nodes.newArray();
        for (JsonNode block : content) {
            switch (Nodes.text(block, "type")) {
                case "text" -> text.append(Nodes.text(block, "text"));
                case "tool_use" -> calls.add(toolCall(block));
                default -> { } // thinking, redacted_thinking, server tool blocks: no OpenAI form
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode message = Json.object().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return Optional.of(message);
    }

    private static ObjectNode toolCall(JsonNode block) {
        ObjectNode call = Json.object().put("id", Nodes.text(block, "id")).put("type", "function");
        JsonNode input = block.path("input");
        call.putObject("function").put("name", Nodes.text(block, "name"))
                .put("arguments", Json.text(input.isObject() ? input : Json.object()));
        return call;
    }

    private static ObjectNode message(String role, JsonNode content) {
        ObjectNode message = Json.object().put("role", role);
        message.set("content", content);
        return message;
    }
}
