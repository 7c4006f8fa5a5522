package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code usageMetadata} ↔ {@link TokenUsage}. Gemini counts thoughts apart from the
 * candidates ({@code totalTokenCount = prompt + toolUsePrompt + candidates + thoughts}) and bills
 * them as output, so thoughts are output here, and are OpenAI's {@code reasoning_tokens}. Tool-use
 * prompt tokens are input. Gemini's {@code promptTokenCount} already contains the cached tokens,
 * as OpenAI's {@code prompt_tokens} does. A total larger than the parts (a count Gemini adds and
 * we do not know) is kept and its surplus counted as output, so no token is lost either way.
 */
final class GeminiUsage {
    private GeminiUsage() {
    }

    static TokenUsage read(JsonNode usageMetadata) {
        long input = Nodes.count(usageMetadata, "promptTokenCount") + Nodes.count(usageMetadata, "toolUsePromptTokenCount");
        long thoughts = Nodes.count(usageMetadata, "thoughtsTokenCount");
        long output = Nodes.count(usageMetadata, "candidatesTokenCount") + thoughts;
        long total = Nodes.count(usageMetadata, "totalTokenCount");
        if (total > input + output) {
            output = total - input;
        }
        return TokenUsage.of(input, output, Nodes.count(usageMetadata, "cachedContentTokenCount"), thoughts, total);
    }

    static ObjectNode write(TokenUsage usage) {
        ObjectNode out = Json.object();
        out.put("promptTokenCount", usage.input());
        out.put("candidatesTokenCount", usage.output() - Math.min(usage.reasoning(), usage.output()));
        if (usage.reasoning() > 0) {
            out.put("thoughtsTokenCount", Math.min(usage.reasoning(), usage.output()));
        }
        if (usage.cached() > 0) {
            out.put("cachedContentTokenCount", usage.cached());
        }
        out.put("totalTokenCount", usage.total());
        return out;
    }
}
