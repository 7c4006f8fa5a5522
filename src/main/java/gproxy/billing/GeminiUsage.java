package gproxy.billing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Google Gemini {@code generateContent}. {@code usageMetadata.promptTokenCount} includes
 * {@code cachedContentTokenCount}: split out as cache reads. {@code toolUsePromptTokenCount} is not in
 * the prompt count and is billed as input. Output is {@code candidatesTokenCount} plus
 * {@code thoughtsTokenCount} (candidates exclude thinking); the {@code IMAGE} entries of
 * {@code candidatesTokensDetails} are split out as image output. The tier is
 * {@code usageMetadata.serviceTier} (the {@code x-gemini-service-tier} header is the caller's, via
 * {@link UsageReport#orServiceTier}). Streams repeat cumulative usage in chunks: the last one wins.
 */
final class GeminiUsage implements UsageExtractor {
    static final GeminiUsage INSTANCE = new GeminiUsage();
    private static final Set<String> PATHS = Set.of("usageMetadata");

    private GeminiUsage() {
    }

    @Override
    public Optional<UsageReport> fromBody(byte[] body) {
        return UsageJson.pick(body, PATHS).flatMap(GeminiUsage::report);
    }

    @Override
    public StreamUsage stream() {
        return new LastUsageStream("usageMetadata", "finishReason", PATHS, GeminiUsage::report);
    }

    static Optional<UsageReport> report(Map<String, JsonNode> fields) {
        JsonNode m = fields.get("usageMetadata");
        if (m == null || !m.isObject() || !(UsageJson.has(m, "promptTokenCount")
                || UsageJson.has(m, "candidatesTokenCount") || UsageJson.has(m, "totalTokenCount"))) {
            return Optional.empty();
        }
        boolean split = UsageJson.has(m, "promptTokenCount") || UsageJson.has(m, "candidatesTokenCount");
        // Only a total (embeddings, some proxies): billed as input, as for OpenAI (reference §4.1).
        long prompt = split ? UsageJson.count(m, "promptTokenCount") : UsageJson.count(m, "totalTokenCount");
        long cached = Math.min(UsageJson.count(m, "cachedContentTokenCount"), prompt);
        long input = Tokens.add(prompt - cached, UsageJson.count(m, "toolUsePromptTokenCount"));
        long candidates = UsageJson.count(m, "candidatesTokenCount");
        long image = Math.min(imageTokens(m.path("candidatesTokensDetails")), candidates);
        long output = Tokens.add(candidates - image, UsageJson.count(m, "thoughtsTokenCount"));
        return Optional.of(new UsageReport(input, output, cached, 0, 0, 0, image,
                UsageJson.tierField(m, "serviceTier"), UsageSource.UPSTREAM));
    }

    private static long imageTokens(JsonNode details) {
        long image = 0;
        for (JsonNode d : details) {
            if (d.path("modality").asText("").equalsIgnoreCase("IMAGE")) {
                image = Tokens.add(image, UsageJson.count(d, "tokenCount"));
            }
        }
        return image;
    }
}
