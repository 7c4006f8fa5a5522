package gproxy.billing;

import static gproxy.billing.PriceRules.exact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.store.Money;

class CostTest {

    @Test
    void everyKindIsPricedAtItsOwnRatePerMillion() {
        Price price = price(exact(1, "m").usd("input_price", "3").usd("output_price", "15")
                .usd("cache_read_price", "0.3").usd("cache_creation_5m_price", "3.75")
                .usd("cache_creation_30m_price", "4.5").usd("cache_creation_1h_price", "6")
                .usd("image_output_price", "30"));
        UsageReport usage = new UsageReport(1000, 500, 10_000, 2000, 100, 3000, 1290, Optional.empty(), UsageSource.UPSTREAM);

        // 0.003 + 0.0075 + 0.003 + 0.0075 + 0.00045 + 0.018 + 0.0387
        assertThat(Money.formatUsd(Cost.of(usage, price))).isEqualTo("0.07815");
    }

    @Test
    void roundingHappensOnceOverTheSumNotPerComponent() {
        // Each component is half a nano-dollar: rounded one by one (half-even) they would be 0 + 0 + 0 = 0.
        Price price = price(exact(1, "m").nanos("input_price", 500_000).nanos("output_price", 500_000)
                .nanos("cache_read_price", 500_000));
        UsageReport usage = new UsageReport(1, 1, 1, 0, 0, 0, 0, Optional.empty(), UsageSource.UPSTREAM);

        assertThat(Cost.of(usage, price)).isEqualTo(2); // 1.5 → 2, half-even, once
    }

    @Test
    void halfANanoRoundsToEven() {
        Price price = price(exact(1, "m").nanos("input_price", 500_000));

        assertThat(Cost.of(UsageReport.of(1, 0, UsageSource.UPSTREAM), price)).isZero();  // 0.5 → 0
        assertThat(Cost.of(UsageReport.of(3, 0, UsageSource.UPSTREAM), price)).isEqualTo(2); // 1.5 → 2
        assertThat(Cost.of(UsageReport.of(5, 0, UsageSource.UPSTREAM), price)).isEqualTo(2); // 2.5 → 2
    }

    @Test
    void aMultipliedRateIsNotRoundedBeforeTheTokensAre() {
        // 1 nano per 1M × 1.5 is 1.5; rounded first it would be 2 and 3M tokens would cost 6, not 4.5 → 4.
        Price price = price(exact(1, "m").nanos("input_price", 1)
                .tiers("[{\"service_tier\":\"priority\",\"multiplier\":\"1.5\"}]"));
        UsageReport usage = new UsageReport(3_000_000, 0, 0, 0, 0, 0, 0, Optional.of("priority"), UsageSource.UPSTREAM);

        assertThat(Cost.of(usage, price)).isEqualTo(4);
    }

    @Test
    void theUsageIsBilledAtTheTierTheUpstreamReported() {
        Price price = price(exact(1, "m").usd("output_price", "10")
                .tiers("[{\"service_tier\":\"priority\",\"multiplier\":2}]"));
        UsageReport downgraded = new UsageReport(0, 1_000_000, 0, 0, 0, 0, 0, Optional.of("standard"), UsageSource.UPSTREAM);

        assertThat(Money.formatUsd(Cost.of(downgraded, price))).isEqualTo("10");
        assertThat(Money.formatUsd(Cost.of(downgraded.orServiceTier(Optional.of("priority")), price))).isEqualTo("10");
        UsageReport priority = new UsageReport(0, 1_000_000, 0, 0, 0, 0, 0, Optional.empty(), UsageSource.UPSTREAM)
                .orServiceTier(Optional.of("priority"));
        assertThat(Money.formatUsd(Cost.of(priority, price))).isEqualTo("20");
    }

    @Test
    void thePromptSizeTierIsChosenByInputPlusCacheWritesNotCacheReads() {
        Price price = price(exact(1, "m").usd("input_price", "1")
                .tiers("[{\"min_prompt_tokens\":1000,\"input_price\":\"2\"}]"));
        UsageReport reads = new UsageReport(500, 0, 5000, 0, 0, 0, 0, Optional.empty(), UsageSource.UPSTREAM);
        UsageReport writes = new UsageReport(500, 0, 0, 250, 0, 250, 0, Optional.empty(), UsageSource.UPSTREAM);

        assertThat(Cost.of(reads, price)).isEqualTo(500_000);
        assertThat(Cost.of(writes, price)).isEqualTo(1_000_000);
    }

    @Test
    void zeroPricesAndNoRuleCostNothing() {
        UsageReport usage = UsageReport.of(1_000_000, 1_000_000, UsageSource.UPSTREAM);

        assertThat(Cost.of(usage, price(exact(1, "m")))).isZero();
        assertThat(Cost.of(usage, Optional.empty())).isZero();
        assertThat(Cost.of(UsageReport.zero(UsageSource.ESTIMATED), price(exact(1, "m").usd("input_price", "5")))).isZero();
    }

    @Test
    void absurdUsageIsCappedInsteadOfOverflowing() {
        Price price = price(exact(1, "m").nanos("input_price", Long.MAX_VALUE).nanos("output_price", Long.MAX_VALUE));
        UsageReport usage = UsageReport.of(Long.MAX_VALUE, Long.MAX_VALUE, UsageSource.UPSTREAM);

        assertThat(Cost.of(usage, price)).isEqualTo(Cost.MAX_NANOS);
    }

    private static Price price(PriceRules rule) {
        return PriceBook.of(List.of(rule.row())).match(1, "m").orElseThrow();
    }
}
