package gproxy.translate.claudegemini;

import gproxy.translate.gemini.StrictJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Claude {@code system} and {@code messages} → Gemini {@code systemInstruction} and {@code contents}.
 *
 * <ul>
 *   <li>Each system block is one instruction part; roles user/assistant are user/model, and
 *       consecutive turns of one role merge into one content.</li>
 *   <li>{@code tool_use} is a {@code functionCall} (Gemini's id and signature recovered from the id
 *       we issued, {@link ToolIds}); {@code tool_result} a {@code functionResponse} named after the
 *       call it answers, its text under {@code output} ({@code error} when {@code is_error}), or the
 *       object itself when the text is a JSON object. Images in a result follow it as parts.</li>
 *   <li>{@code thinking} is a thought part keeping its signature; {@code redacted_thinking} rides
 *       as a thought part too ({@link Signatures#REDACTED}), so it can return to Claude.</li>
 *   <li>{@code cache_control}, citations, server-tool blocks and empty text are dropped.</li>
 * </ul>
 */
final class ClaudeMessagesToGemini {
    private ClaudeMessagesToGemini() {
    }

    static ArrayNode system(JsonNode system) {
        ArrayNode parts = Nodes.array();
        if (system.isTextual() && !system.textValue().isEmpty()) {
            parts.add(Media.text(system.textValue()));
        }
        for (JsonNode block : system.isArray() ? system : Nodes.array()) {
            Nodes.nonEmpty(block, "text").ifPresent(t -> parts.add(Media.text(t)));
        }
        return parts;
    }

    static ArrayNode contents(JsonNode messages, Optional<String> placeholder) {
        if (!messages.isArray()) {
            throw GatewayException.invalid("messages", "must be an array");
        }
        ArrayNode contents = Nodes.array();
        Map<String, String> callNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            JsonNode content = message.path("content");
            switch (Nodes.text(message, "role").orElse("")) {
                case "user" -> append(contents, "user", user(content, i, callNames));
                case "assistant" -> append(contents, "model", assistant(content, callNames, placeholder));
                default -> throw GatewayException.invalid("messages[" + i + "].role", "must be user or assistant");
            }
        }
        return contents;
    }

    private static void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? Json.object() : contents.get(contents.size() - 1);
        ArrayNode target = Nodes.text(last, "role").filter(role::equals).isPresent() ? (ArrayNode) last.get("parts")
                : contents.addObject().put("role", role).putArray("parts");
        parts.forEach(target::add);
    }

    private static List<ObjectNode> user(JsonNode content, int index, Map<String, String> callNames) {
        List<ObjectNode> parts = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.add(Media.text(content.textValue()));
            }
            return parts;
        }
        List<ObjectNode> after = new ArrayList<>(); // media from tool results: a functionResponse holds JSON only
        for (JsonNode block : content) {
            switch (Nodes.text(block, "type").orElse("")) {
                case "text" -> Nodes.nonEmpty(block, "text").ifPresent(t -> parts.add(Media.text(t)));
                case "tool_result" -> parts.add(toolResult(block, index, callNames, after));
                default -> Media.geminiPart(block).ifPresent(parts::add);
            }
        }
        parts.addAll(after);
        return parts;
    }

    private static ObjectNode toolResult(JsonNode block, int index, Map<String, String> callNames, List<ObjectNode> after) {
        String id = Nodes.text(block, "tool_use_id").orElse("");
        String name = callNames.get(id);
        if (name == null) {
            throw GatewayException.invalid("messages[" + index + "].content.tool_use_id",
                    "matches no earlier tool_use (Gemini needs the function's name)");
        }
        StringBuilder text = new StringBuilder();
        JsonNode content = block.path("content");
        if (content.isTextual()) {
            text.append(content.textValue());
        }
        for (JsonNode inner : content.isArray() ? content : Nodes.array()) {
            if (Nodes.text(inner, "type").filter("text"::equals).isPresent()) {
                text.append(text.isEmpty() ? "" : "\n").append(Nodes.text(inner, "text").orElse(""));
            } else {
                Media.geminiPart(inner).ifPresent(after::add);
            }
        }
        boolean error = block.path("is_error").asBoolean(false);
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse");
        ToolIds.read(id).id().ifPresent(gid -> response.put("id", gid));
        response.put("name", name);
        Optional<JsonNode> parsed = error ? Optional.empty() : StrictJson.parse(text.toString()).filter(JsonNode::isObject);
        response.set("response", parsed.orElseGet(() -> Json.object().put(error ? "error" : "output", text.toString())));
        return part;
    }

    private static List<ObjectNode> assistant(JsonNode content, Map<String, String> callNames, Optional<String> placeholder) {
        List<ObjectNode> parts = new ArrayList<>();
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.add(Media.text(content.textValue()));
            }
            return parts;
        }
        boolean signed = false;
        for (JsonNode block : content) {
            switch (Nodes.text(block, "type").orElse("")) {
                case "text" -> Nodes.nonEmpty(block, "text").ifPresent(t -> parts.add(Media.text(t)));
                case "thinking" -> {
                    String text = Nodes.text(block, "thinking").orElse("");
                    Optional<String> signature = Nodes.nonEmpty(block, "signature");
                    if (!text.isEmpty() || signature.isPresent()) {
                        parts.add(thought(text, signature));
                    }
                }
                case "redacted_thinking" -> Nodes.nonEmpty(block, "data")
                        .ifPresent(d -> parts.add(thought("", Optional.of(Signatures.REDACTED + d))));
                case "tool_use" -> {
                    parts.add(functionCall(block, callNames, signed ? Optional.empty() : placeholder));
                    signed = true;
                }
                default -> { } // server_tool_use, web_search_tool_result, …: run at Anthropic, no Gemini form
            }
        }
        return parts;
    }

    private static ObjectNode thought(String text, Optional<String> signature) {
        ObjectNode part = Json.object().put("text", text).put("thought", true);
        signature.ifPresent(s -> part.put("thoughtSignature", s));
        return part;
    }

    /** {@code placeholder}: what the first call of a turn carries when it brings no signature of its own. */
    private static ObjectNode functionCall(JsonNode block, Map<String, String> callNames, Optional<String> placeholder) {
        String id = Nodes.text(block, "id").orElse("");
        String name = Nodes.text(block, "name").orElse("");
        callNames.put(id, name);
        ToolIds.GeminiCall carried = ToolIds.read(id);
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall");
        carried.id().ifPresent(gid -> call.put("id", gid));
        call.put("name", name);
        call.set("args", block.path("input").isObject() ? block.get("input") : Json.object());
        carried.signature().or(() -> placeholder).ifPresent(s -> part.put("thoughtSignature", s));
        return part;
    }
}
