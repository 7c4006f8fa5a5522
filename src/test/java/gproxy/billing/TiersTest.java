package gproxy.billing;

import static gproxy.billing.PriceRules.exact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TiersTest {
    private static final long USD = 1_000_000_000L;

    private final Price price = PriceBook.of(List.of(exact(1, "m")
            .usd("input_price", "1").usd("output_price", "2").usd("cache_read_price", "0.1")
            .tiers("""
                    [
                      {"min_prompt_tokens": 200000, "input_price": "2", "output_price": "4"},
                      {"min_prompt_tokens": 100000, "input_price": "1.5"},
                      {"service_tier": "priority", "multiplier": "1.5"},
                      {"service_tier": "Priority", "min_prompt_tokens": 200000, "multiplier": 2, "output_price": "10"},
                      {"service_tier": "flex", "multiplier": 0.5}
                    ]""")
            .row())).match(1, "m").orElseThrow();

    @Test
    void belowEveryThresholdTheBaseRatesApply() {
        assertRates(1000, Optional.empty(), 1 * USD, 2 * USD, USD / 10);
    }

    @Test
    void theHighestReachedPromptThresholdReplacesOnlyTheRatesItNames() {
        assertRates(150_000, Optional.empty(), 1_500_000_000L, 2 * USD, USD / 10);
        assertRates(200_000, Optional.empty(), 2 * USD, 4 * USD, USD / 10);
    }

    @Test
    void aServiceTierMultipliesThePromptAdjustedRates() {
        assertRates(1000, Optional.of("priority"), 1_500_000_000L, 3 * USD, 150_000_000L);
        assertRates(1000, Optional.of("flex"), USD / 2, USD, USD / 20);
    }

    @Test
    void explicitPricesOfTheServiceTierEntryOverrideTheMultipliedRates() {
        assertRates(250_000, Optional.of("priority"), 4 * USD, 10 * USD, USD / 5);
    }

    @Test
    void tierNamesMatchCaseInsensitivelyAndThroughAliases() {
        assertRates(1000, Optional.of("FAST"), 1_500_000_000L, 3 * USD, 150_000_000L);
        assertRates(1000, Optional.of("default"), 1 * USD, 2 * USD, USD / 10);
    }

    @Test
    void aTierWithNoEntryBillsThePromptAdjustedRates() {
        assertRates(200_000, Optional.of("scale"), 2 * USD, 4 * USD, USD / 10);
    }

    @Test
    void ofEqualThresholdsTheFirstListedWins() {
        Price p = PriceBook.of(List.of(exact(1, "m").usd("input_price", "1").tiers("""
                [{"min_prompt_tokens": 10, "input_price": "3"}, {"min_prompt_tokens": 10, "input_price": "4"}]""")
                .row())).match(1, "m").orElseThrow();

        assertThat(p.rates(10, Optional.empty()).rate(TokenKind.INPUT)).isEqualTo(Rate.of(3 * USD));
    }

    @Test
    void aMultiplierOnAnEntryWithoutServiceTierIsNotApplied() {
        Price p = PriceBook.of(List.of(exact(1, "m").usd("input_price", "1")
                .tiers("[{\"min_prompt_tokens\": 0, \"multiplier\": 3}]").row())).match(1, "m").orElseThrow();

        assertThat(p.rates(5, Optional.empty()).rate(TokenKind.INPUT)).isEqualTo(Rate.of(USD));
    }

    @Test
    void malformedEntriesAreSkippedAndTheOthersKept() {
        Price p = PriceBook.of(List.of(exact(1, "m").usd("input_price", "1").tiers("""
                [{"min_prompt_tokens": "many", "input_price": "9"},
                 {"service_tier": "priority", "multiplier": -1},
                 {"min_prompt_tokens": 5, "input_price": "abc"},
                 42,
                 {"min_prompt_tokens": 5, "input_price": 2.5}]""").row())).match(1, "m").orElseThrow();

        assertThat(p.tiers()).hasSize(1);
        assertThat(p.rates(5, Optional.of("priority")).rate(TokenKind.INPUT)).isEqualTo(Rate.of(2_500_000_000L));
    }

    @Test
    void tiersThatAreNotAnArrayAreIgnored() {
        for (String json : new String[] {"{}", "not json", "null", ""}) {
            Price p = PriceBook.of(List.of(exact(1, "m").usd("input_price", "1").tiers(json).row()))
                    .match(1, "m").orElseThrow();
            assertThat(p.tiers()).isEmpty();
        }
    }

    private void assertRates(long promptTokens, Optional<String> tier, long input, long output, long cacheRead) {
        Rates rates = price.rates(promptTokens, tier);
        assertThat(exactNanos(rates.rate(TokenKind.INPUT))).as("input").isEqualTo(input);
        assertThat(exactNanos(rates.rate(TokenKind.OUTPUT))).as("output").isEqualTo(output);
        assertThat(exactNanos(rates.rate(TokenKind.CACHE_READ))).as("cache read").isEqualTo(cacheRead);
    }

    private static long exactNanos(Rate rate) {
        return rate.multiplier().decimal().multiply(java.math.BigDecimal.valueOf(rate.nanosPerMillion()))
                .longValueExact();
    }
}
