package gproxy.translate.claudegemini;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code GenerateContentResponse} → a Claude message. Only the first candidate is read (a
 * Claude client cannot ask for more). Consecutive text parts join into one text block, consecutive
 * thoughts into one thinking block signed by their signature; each function call is a
 * {@code tool_use}. A prompt Gemini blocked (no candidates, {@code promptFeedback.blockReason}) is
 * an empty message with {@code stop_reason: refusal}.
 */
final class GeminiToClaudeResponse {
    private GeminiToClaudeResponse() {
    }

    static byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (in.has("error")) {
            return Json.bytes(ClaudeErrors.from(in.path("error")));
        }
        String key = ToolIds.responseKey(in, new String(upstreamBody, StandardCharsets.UTF_8));
        JsonNode candidate = in.path("candidates").path(0);
        ObjectNode out = Json.object();
        out.put("id", "msg_" + key);
        out.put("type", "message").put("role", "assistant");
        out.put("model", context.clientModel());
        ArrayNode content = out.putArray("content");
        int calls = 0;
        for (JsonNode part : Nodes.elements(candidate.path("content"), "parts")) {
            switch (GeminiAnswerParts.of(part, key + "/0/" + calls)) {
                case GeminiAnswerParts.Text t -> appendText(content, t.text());
                case GeminiAnswerParts.Thought t -> appendThought(content, t);
                case GeminiAnswerParts.Call c -> {
                    ObjectNode block = content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                    block.set("input", Json.parse(c.arguments()));
                    calls++;
                }
                case GeminiAnswerParts.Other o -> { }
            }
        }
        boolean blocked = candidate.isMissingNode() && Nodes.has(in.path("promptFeedback"), "blockReason");
        out.put("stop_reason", blocked ? "refusal" : StopReasons.toClaude(Nodes.text(candidate, "finishReason").orElse("STOP"), calls > 0));
        out.putNull("stop_sequence");
        out.set("usage", Tokens.fromGemini(in.path("usageMetadata")).toClaude());
        return Json.bytes(out);
    }

    private static void appendText(ArrayNode content, String text) {
        if (text.isEmpty()) {
            return;
        }
        JsonNode last = content.isEmpty() ? Json.object() : content.get(content.size() - 1);
        if (Nodes.text(last, "type").filter("text"::equals).isPresent()) {
            ((ObjectNode) last).put("text", last.get("text").asText() + text);
        } else {
            content.addObject().put("type", "text").put("text", text);
        }
    }

    private static void appendThought(ArrayNode content, GeminiAnswerParts.Thought thought) {
        JsonNode last = content.isEmpty() ? Json.object() : content.get(content.size() - 1);
        boolean open = Nodes.text(last, "type").filter("thinking"::equals).isPresent()
                && Nodes.text(last, "signature").orElse("").isEmpty();
        ObjectNode block = open ? (ObjectNode) last : content.addObject().put("type", "thinking").put("thinking", "").put("signature", "");
        block.put("thinking", block.get("thinking").asText() + thought.text());
        thought.signature().ifPresent(s -> block.put("signature", s));
    }
}
