package gproxy.billing;

import java.util.Objects;
import java.util.Optional;

/**
 * The tokens one upstream call consumed, split into disjoint kinds so that each token is priced
 * exactly once: {@code inputTokens} are uncached input that wrote no cache, cache reads and cache
 * writes (by TTL) are counted apart, and image output is apart from text output. Reasoning tokens
 * are inside {@code outputTokens}.
 *
 * @param serviceTier the tier the upstream says it served, normalized ({@link ServiceTier}); empty when
 *                    it said nothing
 */
public record UsageReport(long inputTokens,
                          long outputTokens,
                          long cacheReadTokens,
                          long cacheCreation5mTokens,
                          long cacheCreation30mTokens,
                          long cacheCreation1hTokens,
                          long imageOutputTokens,
                          Optional<String> serviceTier,
                          UsageSource source) {

    public UsageReport {
        nonNegative("input-tokens", inputTokens);
        nonNegative("output-tokens", outputTokens);
        nonNegative("cache-read-tokens", cacheReadTokens);
        nonNegative("cache-creation-5m-tokens", cacheCreation5mTokens);
        nonNegative("cache-creation-30m-tokens", cacheCreation30mTokens);
        nonNegative("cache-creation-1h-tokens", cacheCreation1hTokens);
        nonNegative("image-output-tokens", imageOutputTokens);
        Objects.requireNonNull(serviceTier, "serviceTier");
        Objects.requireNonNull(source, "source");
    }

    /** No tokens at all, e.g. a task that failed to count (recorded, never guessed). */
    public static UsageReport zero(UsageSource source) {
        return new UsageReport(0, 0, 0, 0, 0, 0, 0, Optional.empty(), source);
    }

    /** Plain input and output only, as counters and estimates produce them. */
    public static UsageReport of(long inputTokens, long outputTokens, UsageSource source) {
        return new UsageReport(inputTokens, outputTokens, 0, 0, 0, 0, 0, Optional.empty(), source);
    }

    public long cacheCreationTokens() {
        return Tokens.sum(cacheCreation5mTokens, cacheCreation30mTokens, cacheCreation1hTokens);
    }

    /** Input plus every cache write: the size prompt-size price tiers are chosen by (reference §4.2). */
    public long promptTokens() {
        return Tokens.sum(inputTokens, cacheCreationTokens());
    }

    /** Every token of every kind; what daily token limits are fed. */
    public long totalTokens() {
        return Tokens.sum(promptTokens(), cacheReadTokens, outputTokens, imageOutputTokens);
    }

    public UsageReport withSource(UsageSource newSource) {
        return new UsageReport(inputTokens, outputTokens, cacheReadTokens, cacheCreation5mTokens,
                cacheCreation30mTokens, cacheCreation1hTokens, imageOutputTokens, serviceTier, newSource);
    }

    /**
     * This report with {@code fallback} as its tier when the body named none, e.g. Gemini's
     * {@code x-gemini-service-tier} response header: what the body says wins.
     */
    public UsageReport orServiceTier(Optional<String> fallback) {
        if (serviceTier.isPresent()) {
            return this;
        }
        return new UsageReport(inputTokens, outputTokens, cacheReadTokens, cacheCreation5mTokens,
                cacheCreation30mTokens, cacheCreation1hTokens, imageOutputTokens,
                fallback.flatMap(ServiceTier::normalize), source);
    }

    private static void nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
    }
}
