package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One answer's token counts, and their two spellings. {@code output} includes {@code reasoning} and
 * {@code input} includes {@code cached}, as in Responses' usage; {@code total} is what the upstream
 * reported, never less than {@code input + output}. Gemini counts thoughts apart from the
 * candidates ({@code totalTokenCount = prompt + toolUsePrompt + candidates + thoughts}) and bills
 * them as output, so thoughts are output and reasoning tokens here; tool-use prompt tokens are input;
 * {@code promptTokenCount} already holds the cached tokens. A Gemini total above its parts (a count
 * we do not know) keeps its surplus as output, so no token is lost either way.
 */
record TokenUsage(long input, long output, long cached, long reasoning, long total) {
    TokenUsage {
        if (input < 0 || output < 0 || cached < 0 || reasoning < 0 || total < 0) {
            throw new IllegalArgumentException("token counts: negative (expected: >= 0)");
        }
    }

    static TokenUsage fromGemini(JsonNode usageMetadata) {
        long input = Nodes.count(usageMetadata, "promptTokenCount") + Nodes.count(usageMetadata, "toolUsePromptTokenCount");
        long thoughts = Nodes.count(usageMetadata, "thoughtsTokenCount");
        long output = Nodes.count(usageMetadata, "candidatesTokenCount") + thoughts;
        long total = Nodes.count(usageMetadata, "totalTokenCount");
        if (total > input + output) {
            output = total - input;
        }
        return new TokenUsage(input, output, Nodes.count(usageMetadata, "cachedContentTokenCount"), thoughts,
                Math.max(total, input + output));
    }

    static TokenUsage fromResponses(JsonNode usage) {
        long input = Nodes.count(usage, "input_tokens");
        long output = Nodes.count(usage, "output_tokens");
        return new TokenUsage(input, output, Nodes.count(usage.path("input_tokens_details"), "cached_tokens"),
                Nodes.count(usage.path("output_tokens_details"), "reasoning_tokens"),
                Math.max(Nodes.count(usage, "total_tokens"), input + output));
    }

    ObjectNode toGemini() {
        ObjectNode out = Json.object();
        long thoughts = Math.min(reasoning, output);
        out.put("promptTokenCount", input);
        out.put("candidatesTokenCount", output - thoughts);
        if (thoughts > 0) {
            out.put("thoughtsTokenCount", thoughts);
        }
        if (cached > 0) {
            out.put("cachedContentTokenCount", cached);
        }
        out.put("totalTokenCount", total);
        return out;
    }

    ObjectNode toResponses() {
        ObjectNode out = Json.object();
        out.put("input_tokens", input);
        // Gemini's implicit cache has no write charge; the current SDKs require the count
        out.putObject("input_tokens_details").put("cached_tokens", cached).put("cache_write_tokens", 0);
        out.put("output_tokens", output);
        out.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        out.put("total_tokens", total);
        return out;
    }
}
