package gproxy.billing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Usage of the operations that are billed but are not content generation (reference §6.6, §4.1):
 * embeddings, whose tokens are all input, and image generation, whose output is image tokens —
 * disjoint from text output and priced at the rule's {@code image_output_price}. Provider-shaped:
 * OpenAI reports {@code usage.prompt_tokens}/{@code total_tokens} for embeddings and
 * {@code usage.input_tokens}/{@code output_tokens} (or the chat-style names) for images; Gemini's
 * {@code embedContent} reports nothing, so its input is counted.
 */
final class OperationUsage {
    private static final Set<String> PATHS = Set.of("usage", "usageMetadata");

    private OperationUsage() {
    }

    /** An embedding body's tokens, all input; empty when the body reports none. */
    static Optional<UsageReport> embedding(byte[] body) {
        return UsageJson.pick(body, PATHS).flatMap(fields -> {
            JsonNode u = usage(fields);
            if (u == null) {
                return Optional.empty();
            }
            for (String field : new String[] {"prompt_tokens", "input_tokens", "promptTokenCount", "total_tokens",
                    "totalTokenCount"}) {
                if (UsageJson.has(u, field)) {
                    return Optional.of(UsageReport.of(UsageJson.count(u, field), 0, UsageSource.UPSTREAM));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * An image body's tokens: the prompt as input, everything produced as image output (a dedicated
     * image operation's completion tokens are image tokens); empty when the body reports none, which
     * bills nothing — there is no flat per-image price (reference §6.6).
     */
    static Optional<UsageReport> image(byte[] body) {
        return UsageJson.pick(body, PATHS).flatMap(fields -> {
            JsonNode u = usage(fields);
            if (u == null) {
                return Optional.empty();
            }
            boolean responsesStyle = UsageJson.has(u, "input_tokens") || UsageJson.has(u, "output_tokens");
            boolean chatStyle = UsageJson.has(u, "prompt_tokens") || UsageJson.has(u, "completion_tokens");
            if (!responsesStyle && !chatStyle) {
                return Optional.empty();
            }
            long input = responsesStyle ? UsageJson.count(u, "input_tokens") : UsageJson.count(u, "prompt_tokens");
            long output = responsesStyle ? UsageJson.count(u, "output_tokens") : UsageJson.count(u, "completion_tokens");
            return Optional.of(new UsageReport(input, 0, 0, 0, 0, 0, output, Optional.empty(), UsageSource.UPSTREAM));
        });
    }

    private static JsonNode usage(Map<String, JsonNode> fields) {
        JsonNode u = fields.get("usage");
        if (u != null && u.isObject()) {
            return u;
        }
        JsonNode gemini = fields.get("usageMetadata");
        return gemini != null && gemini.isObject() ? gemini : null;
    }
}
