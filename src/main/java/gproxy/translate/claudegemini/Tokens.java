package gproxy.translate.claudegemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Token usage in Claude's shape, read from and written to Gemini's {@code usageMetadata} the way the
 * billing extractors read each dialect, so a client is told what is settled. Claude's three input
 * counts are disjoint; Gemini's {@code promptTokenCount} includes {@code cachedContentTokenCount}
 * and leaves out {@code toolUsePromptTokenCount}. Gemini counts thoughts apart
 * ({@code thoughtsTokenCount}) and Claude inside {@code output_tokens}. Gemini has no cache writes:
 * toward Gemini they are plain prompt tokens.
 *
 * @param input      input tokens neither read from nor written to the prompt cache
 * @param cacheRead  input tokens read from the cache
 * @param cacheWrite input tokens written to the cache
 * @param output     generated tokens, thinking included
 * @param thoughts   of {@code output}, the thinking tokens, when the upstream says (Gemini does)
 */
record Tokens(long input, long cacheRead, long cacheWrite, long output, long thoughts) {
    static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

    static Tokens fromGemini(JsonNode usageMetadata) {
        long prompt = Nodes.count(usageMetadata, "promptTokenCount");
        long cached = Math.min(Nodes.count(usageMetadata, "cachedContentTokenCount"), prompt);
        long thoughts = Nodes.count(usageMetadata, "thoughtsTokenCount");
        return new Tokens(prompt - cached + Nodes.count(usageMetadata, "toolUsePromptTokenCount"), cached, 0,
                Nodes.count(usageMetadata, "candidatesTokenCount") + thoughts, thoughts);
    }

    /** Claude's {@code message_delta} usage is cumulative: present counts replace, absent ones stay. */
    Tokens plusClaude(JsonNode usage) {
        return new Tokens(count(usage, "input_tokens", input), count(usage, "cache_read_input_tokens", cacheRead),
                count(usage, "cache_creation_input_tokens", cacheWrite), count(usage, "output_tokens", output), thoughts);
    }

    ObjectNode toClaude() {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", input);
        usage.put("cache_creation_input_tokens", cacheWrite);
        usage.put("cache_read_input_tokens", cacheRead);
        usage.put("output_tokens", output);
        return usage;
    }

    ObjectNode toGemini() {
        long prompt = input + cacheRead + cacheWrite;
        ObjectNode usage = Json.object();
        usage.put("promptTokenCount", prompt);
        usage.put("candidatesTokenCount", output - thoughts);
        if (thoughts > 0) {
            usage.put("thoughtsTokenCount", thoughts);
        }
        if (cacheRead > 0) {
            usage.put("cachedContentTokenCount", cacheRead);
        }
        usage.put("totalTokenCount", prompt + output);
        return usage;
    }

    private static long count(JsonNode node, String field, long otherwise) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? Math.max(0, value.longValue()) : otherwise;
    }
}
