package gproxy.translate.responsesclaude;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Claude {@code system} and {@code messages} → Responses {@code instructions} and {@code input} items.
 *
 * <ul>
 *   <li>The system prompt becomes {@code instructions}; several system blocks are joined by blank lines.</li>
 *   <li>Blocks keep their order as items: text and media of a turn are one {@code message} item
 *       (images as {@code input_image}, PDFs as {@code input_file}, text documents as text);
 *       {@code tool_use} becomes a {@code function_call} item, {@code tool_result} a
 *       {@code function_call_output} item ({@code is_error} has no field: an {@code Error: } prefix,
 *       approximated).</li>
 *   <li>Thinking blocks that carry a Responses reasoning item ({@link ReasoningCarry}) become that
 *       item again; Claude's own signed thinking and redacted thinking mean nothing to OpenAI and are
 *       dropped, as are server-tool blocks. {@code cache_control} is dropped everywhere.</li>
 * </ul>
 */
final class ClaudeMessagesToResponsesInput {
    private ClaudeMessagesToResponsesInput() {
    }

    static Optional<String> instructions(JsonNode system) {
        if (system.isTextual()) {
            return Optional.of(system.textValue()).filter(s -> !s.isEmpty());
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : system) {
            Nodes.nonEmpty(block, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n\n").append(t));
        }
        return Optional.of(text.toString()).filter(s -> !s.isEmpty());
    }

    static ArrayNode input(JsonNode claudeRequest) {
        JsonNode messages = claudeRequest.path("messages");
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "must be an array");
        }
        ArrayNode items = Nodes.newArray();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = Nodes.text(m, "role");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw GatewayException.invalid("messages[" + i + "].role", "must be user or assistant");
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                if (!content.textValue().isEmpty()) {
                    items.add(Json.object().put("type", "message").put("role", role).put("content", content.textValue()));
                }
                continue;
            }
            turn(role, content, items);
        }
        return items;
    }

    private static void turn(String role, JsonNode content, ArrayNode items) {
        ArrayNode parts = null; // the message item being filled, until a block that is an item of its own
        for (JsonNode block : content) {
            Optional<ObjectNode> item = ownItem(block);
            if (item.isPresent()) {
                items.add(item.get());
                parts = null;
                continue;
            }
            Optional<ObjectNode> part = part(block, role);
            if (part.isPresent()) {
                if (parts == null) {
                    parts = items.addObject().put("type", "message").put("role", role).putArray("content");
                }
                parts.add(part.get());
            }
        }
    }

    private static Optional<ObjectNode> ownItem(JsonNode block) {
        return switch (Nodes.text(block, "type")) {
            case "tool_use" -> Optional.of(Json.object().put("type", "function_call").put("call_id", Nodes.text(block, "id"))
                    .put("name", Nodes.text(block, "name")).put("arguments", Nodes.argumentsText(block.path("input"))));
            case "tool_result" -> Optional.of(toolOutput(block));
            case "thinking" -> ReasoningCarry.responsesItem(block);
            default -> Optional.empty();
        };
    }

    private static ObjectNode toolOutput(JsonNode block) {
        ObjectNode item = Json.object().put("type", "function_call_output").put("call_id", Nodes.text(block, "tool_use_id"));
        String prefix = block.path("is_error").asBoolean(false) ? "Error: " : "";
        JsonNode content = block.path("content");
        if (!content.isArray()) {
            return item.put("output", prefix + content.asText(""));
        }
        ArrayNode output = item.putArray("output");
        for (JsonNode inner : content) {
            part(inner, "user").ifPresent(output::add);
        }
        if (!prefix.isEmpty()) {
            output.insertObject(0).put("type", "input_text").put("text", prefix.strip());
        }
        return item;
    }

    /** A text or media block as a content part of a message item; assistant text is {@code output_text}. */
    private static Optional<ObjectNode> part(JsonNode block, String role) {
        JsonNode source = block.path("source");
        return switch (Nodes.text(block, "type") + "/" + Nodes.text(source, "type")) {
            case "text/" -> Nodes.nonEmpty(block, "text").map(t -> role.equals("assistant")
                    ? outputText(t) : inputText(t));
            case "image/base64" -> Optional.of(image("data:" + Nodes.text(source, "media_type") + ";base64," + Nodes.text(source, "data")));
            case "image/url" -> Nodes.nonEmpty(source, "url").map(ClaudeMessagesToResponsesInput::image);
            case "document/base64" -> Optional.of(file(block).put("file_data",
                    "data:" + Nodes.text(source, "media_type") + ";base64," + Nodes.text(source, "data")));
            case "document/url" -> Nodes.nonEmpty(source, "url").map(u -> file(block).put("file_url", u));
            case "document/text" -> Nodes.nonEmpty(source, "data").map(ClaudeMessagesToResponsesInput::inputText);
            default -> Optional.empty(); // thinking, file ids, server tools, search results
        };
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode inputText(String text) {
        return Json.object().put("type", "input_text").put("text", text);
    }

    private static ObjectNode image(String url) {
        return Json.object().put("type", "input_image").put("image_url", url).put("detail", "auto");
    }

    private static ObjectNode file(JsonNode block) {
        return Json.object().put("type", "input_file").put("filename", Nodes.nonEmpty(block, "title").orElse("document.pdf"));
    }
}
