package gproxy.translate.claudegemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude message → a Gemini {@code GenerateContentResponse} with one candidate, parts in Claude's
 * block order ({@link ClaudeBlocksToGemini}). An error body becomes Gemini's error envelope.
 */
final class ClaudeToGeminiResponse {
    private ClaudeToGeminiResponse() {
    }

    static byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (Nodes.text(in, "type").filter("error"::equals).isPresent()) {
            return Json.bytes(ClaudeErrors.toGemini(in, true));
        }
        ArrayNode parts = Nodes.array();
        Nodes.elements(in, "content").forEach(b -> ClaudeBlocksToGemini.part(b).ifPresent(parts::add));
        ObjectNode out = Json.object();
        ObjectNode candidate = ClaudeBlocksToGemini.candidate(parts);
        candidate.put("finishReason", StopReasons.toGemini(Nodes.text(in, "stop_reason").orElse("end_turn")));
        out.putArray("candidates").add(candidate);
        out.set("usageMetadata", Tokens.ZERO.plusClaude(in.path("usage")).toGemini());
        out.put("modelVersion", context.clientModel());
        Nodes.nonEmpty(in, "id").ifPresent(id -> out.put("responseId", id));
        return Json.bytes(out);
    }
}
