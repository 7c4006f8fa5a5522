package gproxy.translate.claudechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Token usage in one neutral shape, so no token is lost between the dialects' conventions. Claude
 * reports three disjoint input counts ({@code input_tokens} excludes {@code cache_read_input_tokens}
 * and {@code cache_creation_input_tokens}); OpenAI reports one {@code prompt_tokens} that includes
 * {@code prompt_tokens_details.cached_tokens} and, from GPT-5.6 and on OpenRouter,
 * {@code cache_write_tokens}. Either way {@link #promptTokens()} and {@link #totalTokens()} are equal.
 *
 * @param input      input tokens neither read from nor written to the prompt cache
 * @param cacheRead  input tokens read from the cache
 * @param cacheWrite input tokens written to the cache
 * @param output     generated tokens, thinking/reasoning included (both dialects count it there)
 */
record Tokens(long input, long cacheRead, long cacheWrite, long output) {
    static final Tokens ZERO = new Tokens(0, 0, 0, 0);

    static Tokens fromClaude(JsonNode usage) {
        return ZERO.plusClaude(usage);
    }

    /** Claude's {@code message_delta} usage is cumulative: present counts replace, absent ones stay. */
    Tokens plusClaude(JsonNode usage) {
        return new Tokens(count(usage, "input_tokens", input), count(usage, "cache_read_input_tokens", cacheRead),
                count(usage, "cache_creation_input_tokens", cacheWrite), count(usage, "output_tokens", output));
    }

    static Tokens fromOpenAi(JsonNode usage) {
        JsonNode details = usage.path("prompt_tokens_details");
        long prompt = count(usage, "prompt_tokens", 0);
        long read = count(details, "cached_tokens", 0);
        long write = count(details, "cache_write_tokens", 0);
        // Never negative, even when an upstream reports details that exceed its own total.
        long uncached = Math.max(0, prompt - read - write);
        return new Tokens(uncached, Math.min(read, prompt), Math.min(write, prompt - Math.min(read, prompt)),
                count(usage, "completion_tokens", 0));
    }

    long promptTokens() {
        return input + cacheRead + cacheWrite;
    }

    long totalTokens() {
        return promptTokens() + output;
    }

    ObjectNode toClaude() {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", input);
        usage.put("cache_creation_input_tokens", cacheWrite);
        usage.put("cache_read_input_tokens", cacheRead);
        usage.put("output_tokens", output);
        return usage;
    }

    ObjectNode toOpenAi() {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", promptTokens());
        usage.put("completion_tokens", output);
        usage.put("total_tokens", totalTokens());
        ObjectNode details = usage.putObject("prompt_tokens_details");
        details.put("cached_tokens", cacheRead);
        if (cacheWrite > 0) {
            // OpenRouter's and GPT-5.6's name; without it cache writes would hide inside prompt_tokens.
            details.put("cache_write_tokens", cacheWrite);
        }
        return usage;
    }

    private static long count(JsonNode node, String field, long otherwise) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() && value.isIntegralNumber() ? Math.max(0, value.longValue()) : otherwise;
    }
}
