package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Claude thinking blocks on OpenAI Chat messages. OpenAI Chat has no field for them, so this
 * follows the two de-facto ones: the thinking text in {@code reasoning_content} (DeepSeek, and what
 * most OpenAI-compatible clients display), and every block, signature included, in OpenRouter's
 * {@code reasoning_details} ({@code reasoning.text} with {@code signature}, {@code reasoning.encrypted}
 * for redacted thinking, {@code format: anthropic-claude-v1}). A client that sends the assistant
 * message back unchanged thereby sends the signatures back, and the Claude request built from it
 * restores the blocks Claude insists on seeing again after a tool call.
 */
final class ReasoningDetails {
    static final String FORMAT = "anthropic-claude-v1";

    private ReasoningDetails() {
    }

    /** A Claude {@code thinking} or {@code redacted_thinking} block as one {@code reasoning_details} entry. */
    static Optional<ObjectNode> detail(JsonNode block, int index) {
        ObjectNode detail = Json.object();
        switch (Nodes.text(block, "type")) {
            case "thinking" -> {
                detail.put("type", "reasoning.text");
                detail.put("text", Nodes.text(block, "thinking"));
                detail.put("signature", Nodes.text(block, "signature"));
            }
            case "redacted_thinking" -> {
                detail.put("type", "reasoning.encrypted");
                detail.put("data", Nodes.text(block, "data"));
            }
            default -> {
                return Optional.empty();
            }
        }
        detail.put("format", FORMAT);
        detail.put("index", index);
        return Optional.of(detail);
    }

    /**
     * The Claude blocks an OpenAI assistant message carries.
     *
     * @param signedOnly toward a Claude upstream only signed blocks may go (Claude rejects the rest);
     *                   toward a Claude client unsigned reasoning is still worth showing
     */
    static List<ObjectNode> blocks(JsonNode message, boolean signedOnly) {
        List<JsonNode> details = Nodes.array(message, "reasoning_details");
        List<ObjectNode> blocks = new ArrayList<>();
        String plain = Nodes.nonEmpty(message, "reasoning_content").orElse(Nodes.text(message, "reasoning"));
        for (JsonNode detail : details) {
            String format = Nodes.text(detail, "format");
            if (!format.isEmpty() && !format.startsWith("anthropic")) {
                continue; // another vendor's signature would be rejected by Claude
            }
            switch (Nodes.text(detail, "type")) {
                case "reasoning.text" -> {
                    String signature = Nodes.text(detail, "signature");
                    // A streamed client may have kept the text only in reasoning_content.
                    String text = detail.path("text").isTextual() ? Nodes.text(detail, "text")
                            : details.size() == 1 ? plain : "";
                    if (!signedOnly || !signature.isEmpty()) {
                        blocks.add(thinking(text, signature));
                    }
                }
                case "reasoning.encrypted" -> Nodes.nonEmpty(detail, "data").ifPresent(data -> blocks.add(
                        Json.object().put("type", "redacted_thinking").put("data", data)));
                default -> { } // reasoning.summary and unknown kinds have no Claude block
            }
        }
        if (details.isEmpty() && !signedOnly && !plain.isEmpty()) {
            blocks.add(thinking(plain, ""));
        }
        return blocks;
    }

    private static ObjectNode thinking(String text, String signature) {
        return Json.object().put("type", "thinking").put("thinking", text).put("signature", signature);
    }
}
