package gproxy.billing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI Chat Completions (and compatible servers). {@code usage.prompt_tokens} includes
 * {@code prompt_tokens_details.cached_tokens} (DeepSeek: {@code prompt_cache_hit_tokens}) and, on
 * servers that report it, {@code cache_write_tokens}: both are split out. {@code completion_tokens}
 * includes {@code completion_tokens_details.reasoning_tokens}, billed as output, and
 * {@code image_tokens}, split out as image output. A usage with only {@code total_tokens} is billed as
 * input (reference §4.1). Streams carry usage in their last chunk ({@code choices: []}) when the
 * request set {@code stream_options.include_usage}; see {@link StreamOptions}.
 */
final class OpenAiChatUsage implements UsageExtractor {
    static final OpenAiChatUsage INSTANCE = new OpenAiChatUsage();
    static final Set<String> PATHS = Set.of("usage", "service_tier");

    private OpenAiChatUsage() {
    }

    @Override
    public Optional<UsageReport> fromBody(byte[] body) {
        return UsageJson.pick(body, PATHS).flatMap(OpenAiChatUsage::report);
    }

    @Override
    public StreamUsage stream() {
        return new LastUsageStream("usage", "finish_reason", PATHS, OpenAiChatUsage::report);
    }

    static Optional<UsageReport> report(Map<String, JsonNode> fields) {
        JsonNode u = fields.get("usage");
        if (u == null || !u.isObject()) {
            return Optional.empty();
        }
        boolean split = UsageJson.has(u, "prompt_tokens") || UsageJson.has(u, "completion_tokens");
        if (!split && !UsageJson.has(u, "total_tokens")) {
            return Optional.empty();
        }
        long prompt = split ? UsageJson.count(u, "prompt_tokens") : UsageJson.count(u, "total_tokens");
        long completion = UsageJson.count(u, "completion_tokens");
        JsonNode details = u.path("prompt_tokens_details");
        long cached = UsageJson.has(details, "cached_tokens")
                ? UsageJson.count(details, "cached_tokens") : UsageJson.count(u, "prompt_cache_hit_tokens");
        cached = Math.min(cached, prompt);
        long written = Math.min(UsageJson.count(details, "cache_write_tokens"), prompt - cached);
        long image = Math.min(UsageJson.count(u, "completion_tokens_details", "image_tokens"), completion);
        return Optional.of(new UsageReport(prompt - cached - written, completion - image, cached, written, 0, 0,
                image, UsageJson.tier(fields.get("service_tier")), UsageSource.UPSTREAM));
    }
}
