package gproxy.translate.claudegemini;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The pieces of a Claude answer as Gemini parts: thinking as a thought part signed with its
 * signature, {@code redacted_thinking} as a thought part whose signature carries it
 * ({@link Signatures#REDACTED}), text as text, a {@code tool_use} as a whole {@code functionCall}
 * keeping the Claude id as Gemini's {@code id} (Gemini clients echo it in the response), and the
 * structured-output tool's input as the JSON text answer. Server-tool blocks are dropped.
 */
final class ClaudeBlocksToGemini {
    private ClaudeBlocksToGemini() {
    }

    static Optional<ObjectNode> part(JsonNode block) {
        return switch (Nodes.text(block, "type").orElse("")) {
            case "text" -> Nodes.nonEmpty(block, "text").map(Media::text);
            case "thinking" -> Optional.of(thought(Nodes.text(block, "thinking").orElse(""), Nodes.text(block, "signature").orElse("")));
            case "redacted_thinking" -> Nodes.nonEmpty(block, "data").map(d -> thought("", Signatures.REDACTED + d));
            case "tool_use" -> Optional.of(StructuredOutput.isAnswer(block) ? Media.text(Json.text(block.path("input")))
                    : functionCall(Nodes.text(block, "id").orElse(""), Nodes.text(block, "name").orElse(""),
                    block.path("input").isObject() ? block.get("input") : Json.object()));
            default -> Optional.empty();
        };
    }

    static ObjectNode thought(String text, String signature) {
        ObjectNode part = Json.object().put("text", text).put("thought", true);
        if (!signature.isEmpty()) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    static ObjectNode functionCall(String id, String name, JsonNode args) {
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall");
        if (!id.isEmpty()) {
            call.put("id", id);
        }
        call.put("name", name);
        call.set("args", args);
        return part;
    }

    static ObjectNode candidate(com.fasterxml.jackson.databind.node.ArrayNode parts) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content");
        if (parts.isEmpty()) {
            parts.add(Media.text("")); // Gemini answers always carry a part; clients read parts[0]
        }
        content.set("parts", parts);
        content.put("role", "model");
        candidate.put("index", 0);
        return candidate;
    }
}
