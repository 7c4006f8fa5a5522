package gproxy.billing;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code pricing_tiers_json}: from {@code minPromptTokens} prompt tokens on, for the
 * given service tier (or for any request when it has none), these explicit prices and/or this
 * multiplier apply. How entries compose is {@link Price#rates}.
 *
 * @param serviceTier normalized ({@link ServiceTier}); empty for a prompt-size entry
 * @param prices      explicit rates in nano-dollars per 1M tokens, by kind
 */
record Tier(long minPromptTokens, Optional<String> serviceTier, Optional<Multiplier> multiplier,
            Map<TokenKind, Long> prices) {

    Tier {
        if (minPromptTokens < 0) {
            throw new IllegalArgumentException("min_prompt_tokens: " + minPromptTokens + " (expected: >= 0)");
        }
        Objects.requireNonNull(serviceTier, "serviceTier");
        Objects.requireNonNull(multiplier, "multiplier");
        prices.values().forEach(p -> {
            if (p < 0) {
                throw new IllegalArgumentException("tier price: " + p + " (expected: >= 0)");
            }
        });
        prices = prices.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(prices));
    }

    boolean appliesAt(long promptTokens) {
        return minPromptTokens <= promptTokens;
    }
}
