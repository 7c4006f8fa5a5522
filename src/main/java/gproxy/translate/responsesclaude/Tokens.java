package gproxy.translate.responsesclaude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Token usage in one neutral shape, so no token is lost between the two conventions. Claude reports
 * three disjoint input counts ({@code input_tokens} excludes {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens}); Responses reports one {@code input_tokens} that includes
 * {@code input_tokens_details.cached_tokens} and, on Azure and newer models,
 * {@code cache_write_tokens}. Reasoning tokens sit inside the output in both: Responses also names
 * them ({@code output_tokens_details.reasoning_tokens}); Claude does not count them apart, so toward
 * a Responses client they read 0.
 *
 * @param input      input tokens neither read from nor written to the prompt cache
 * @param cacheRead  input tokens read from the cache
 * @param cacheWrite input tokens written to the cache
 * @param output     generated tokens, thinking/reasoning included
 * @param reasoning  of the output, how many were reasoning (0 when the upstream does not say)
 */
record Tokens(long input, long cacheRead, long cacheWrite, long output, long reasoning) {
    static final Tokens ZERO = new Tokens(0, 0, 0, 0, 0);

    static Tokens fromClaude(JsonNode usage) {
        return ZERO.plusClaude(usage);
    }

    /** Claude's {@code message_delta} usage is cumulative: present counts replace, absent ones stay. */
    Tokens plusClaude(JsonNode usage) {
        return new Tokens(count(usage, "input_tokens", input), count(usage, "cache_read_input_tokens", cacheRead),
                count(usage, "cache_creation_input_tokens", cacheWrite), count(usage, "output_tokens", output),
                reasoning);
    }

    static Tokens fromResponses(JsonNode usage) {
        JsonNode details = usage.path("input_tokens_details");
        long prompt = Nodes.count(usage, "input_tokens");
        long read = Math.min(Nodes.count(details, "cached_tokens"), prompt);
        long write = Math.min(Nodes.count(details, "cache_write_tokens"), prompt - read);
        long output = Nodes.count(usage, "output_tokens");
        return new Tokens(prompt - read - write, read, write, output,
                Math.min(Nodes.count(usage.path("output_tokens_details"), "reasoning_tokens"), output));
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

    ObjectNode toResponses() {
        ObjectNode usage = Json.object();
        usage.put("input_tokens", promptTokens());
        ObjectNode details = usage.putObject("input_tokens_details").put("cached_tokens", cacheRead);
        if (cacheWrite > 0) {
            // Azure's and newer models' name; without it cache writes would hide inside input_tokens.
            details.put("cache_write_tokens", cacheWrite);
        }
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", totalTokens());
        return usage;
    }

    private static long count(JsonNode node, String field, long otherwise) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() ? Math.max(0, value.longValue()) : otherwise;
    }
}
