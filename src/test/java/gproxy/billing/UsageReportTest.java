package gproxy.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UsageReportTest {

    @Test
    void promptTokensAreInputPlusEveryCacheWrite() {
        UsageReport usage = new UsageReport(10, 20, 30, 1, 2, 3, 4, Optional.empty(), UsageSource.UPSTREAM);

        assertThat(usage.cacheCreationTokens()).isEqualTo(6);
        assertThat(usage.promptTokens()).isEqualTo(16);
        assertThat(usage.totalTokens()).isEqualTo(70);
    }

    @Test
    void totalsSaturateInsteadOfWrapping() {
        UsageReport usage = UsageReport.of(Long.MAX_VALUE, Long.MAX_VALUE, UsageSource.UPSTREAM);

        assertThat(usage.totalTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void negativeCountsAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> UsageReport.of(-1, 0, UsageSource.COUNTED))
                .hasMessage("input-tokens: -1 (expected: >= 0)");
    }

    @Test
    void aFallbackTierAppliesOnlyWhenTheBodyNamedNone() {
        UsageReport none = UsageReport.of(1, 1, UsageSource.UPSTREAM);
        UsageReport flex = none.orServiceTier(Optional.of("Flex"));

        assertThat(flex.serviceTier()).contains("flex");
        assertThat(flex.orServiceTier(Optional.of("priority")).serviceTier()).contains("flex");
        assertThat(none.orServiceTier(Optional.of("  ")).serviceTier()).isEmpty();
    }

    @Test
    void sourcesHaveTheStoredIds() {
        assertThat(UsageSource.UPSTREAM.id()).isEqualTo("upstream");
        assertThat(UsageSource.COUNTED.id()).isEqualTo("counted");
        assertThat(UsageSource.ESTIMATED.id()).isEqualTo("estimated");
        assertThat(UsageSource.of("counted")).contains(UsageSource.COUNTED);
        assertThat(UsageSource.of("guessed")).isEmpty();
        assertThat(UsageReport.zero(UsageSource.ESTIMATED).withSource(UsageSource.COUNTED).source())
                .isEqualTo(UsageSource.COUNTED);
    }

    @Test
    void serviceTierNamesUseTheReferenceAliases() {
        assertThat(ServiceTier.normalize("fast")).contains("priority");
        assertThat(ServiceTier.normalize("Default")).contains("standard");
        assertThat(ServiceTier.normalize("on_demand")).contains("standard");
        assertThat(ServiceTier.normalize("ultra-fast")).contains("ultrafast");
        assertThat(ServiceTier.normalize("SERVICE_TIER_FLEX")).contains("flex");
        assertThat(ServiceTier.normalize("unspecified")).isEmpty();
        assertThat(ServiceTier.normalize("batch")).contains("batch");
    }
}
