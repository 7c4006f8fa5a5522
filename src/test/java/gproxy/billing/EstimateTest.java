package gproxy.billing;

import static gproxy.billing.PriceRules.exact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void charactersAreCountedInUtf16UnitsAsADecodedStringWouldBe() {
        for (String text : new String[] {"", "plain ascii", "Zürich — naïve", "日本語のテキスト", "emoji 😀🚀 pairs",
                "{\"content\":\"mixed é \\u00e9 😀 中\"}"}) {
            assertThat(Estimate.characters(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(text).isEqualTo(text.length());
        }
    }

    @Test
    void bodyCharactersArePricedAsInputTokens() {
        Price price = price(exact(1, "m").usd("input_price", "2").usd("output_price", "100"));

        assertThat(Estimate.of(1_000_000, Optional.of(price))).isEqualTo(2_000_000_000L);
        assertThat(Estimate.of(3, Optional.of(price))).isEqualTo(6000);
    }

    @Test
    void theRequestedTierAndTheBodySizeChooseTheTieredRate() {
        Price price = price(exact(1, "m").usd("input_price", "1")
                .tiers("[{\"min_prompt_tokens\":1000,\"input_price\":\"2\"},{\"service_tier\":\"priority\",\"multiplier\":3}]"));

        assertThat(Estimate.of(999, Optional.of(price))).isEqualTo(999_000);
        assertThat(Estimate.of(1000, Optional.of(price))).isEqualTo(2_000_000);
        assertThat(Estimate.of(1000, Optional.of(price), Optional.of("fast"))).isEqualTo(6_000_000);
    }

    @Test
    void noRuleAnEmptyBodyOrAZeroRateEstimatesNothing() {
        assertThat(Estimate.of(5000, Optional.empty())).isZero();
        assertThat(Estimate.of(0, Optional.of(price(exact(1, "m").usd("input_price", "1"))))).isZero();
        assertThat(Estimate.of(-7, Optional.of(price(exact(1, "m").usd("input_price", "1"))))).isZero();
        assertThat(Estimate.of(5000, Optional.of(price(exact(1, "m").usd("output_price", "1"))))).isZero();
    }

    @Test
    void theLargestBodyAtTheLargestPriceIsCappedNotOverflowed() {
        Price price = price(exact(1, "m").nanos("input_price", Long.MAX_VALUE));

        assertThat(Estimate.of(Integer.MAX_VALUE, Optional.of(price))).isEqualTo(Cost.MAX_NANOS);
        assertThat(Cost.MAX_NANOS * 9).isPositive(); // room for several pending charges in an i64 counter
    }

    private static Price price(PriceRules rule) {
        return PriceBook.of(List.of(rule.row())).match(1, "m").orElseThrow();
    }
}
