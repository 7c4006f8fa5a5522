package gproxy.billing;

import static gproxy.billing.PriceRules.contains;
import static gproxy.billing.PriceRules.exact;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.snapshot.Snapshot;
import gproxy.store.Row;

class PriceBookTest {
    private static final long OPENAI = 7;
    private static final long OTHER = 8;

    @Test
    void providerExactBeatsGlobalExactBeatsProviderContainsBeatsGlobalContains() {
        List<Row> rules = List.of(
                contains(1, "gpt").row(),
                contains(2, "gpt").provider(OPENAI).row(),
                exact(3, "gpt-4o").row(),
                exact(4, "gpt-4o").provider(OPENAI).row());
        PriceBook book = PriceBook.of(rules);

        assertThat(ruleId(book, OPENAI, "gpt-4o")).contains(4L);
        assertThat(ruleId(book, OTHER, "gpt-4o")).contains(3L);
        assertThat(ruleId(book, OPENAI, "gpt-4o-mini")).contains(2L);
        assertThat(ruleId(book, OTHER, "gpt-4o-mini")).contains(1L);
    }

    @Test
    void aLongerContainsMatchWinsWithinItsRank() {
        PriceBook book = PriceBook.of(List.of(contains(1, "claude").row(), contains(2, "claude-opus").row(),
                contains(3, "opus").row()));

        assertThat(ruleId(book, OTHER, "claude-opus-4-1")).contains(2L);
        assertThat(ruleId(book, OTHER, "claude-sonnet-4-5")).contains(1L);
    }

    @Test
    void equalMatchesGoToTheLowerIdWhateverTheRowOrder() {
        PriceBook book = PriceBook.of(List.of(contains(9, "sonnet").row(), contains(5, "claude").row(),
                exact(12, "m").row(), exact(11, "m").row()));

        assertThat(ruleId(book, OTHER, "claude-sonnet")).contains(5L);
        assertThat(ruleId(book, OTHER, "m")).contains(11L);
    }

    @Test
    void aProviderRuleDoesNotPriceAnotherProvidersModel() {
        PriceBook book = PriceBook.of(List.of(exact(1, "gpt-4o").provider(OPENAI).row()));

        assertThat(book.match(OTHER, "gpt-4o")).isEmpty();
    }

    @Test
    void disabledRulesAreIgnored() {
        PriceBook book = PriceBook.of(List.of(exact(1, "gpt-4o").provider(OPENAI).disabled().row(),
                contains(2, "4o").row()));

        assertThat(ruleId(book, OPENAI, "gpt-4o")).contains(2L);
    }

    @Test
    void exactMeansTheWholeNameCaseSensitively() {
        PriceBook book = PriceBook.of(List.of(exact(1, "gpt-4o").row()));

        assertThat(book.match(OTHER, "gpt-4o-mini")).isEmpty();
        assertThat(book.match(OTHER, "GPT-4o")).isEmpty();
    }

    @Test
    void noRuleMeansNoPrice() {
        assertThat(PriceBook.EMPTY.match(OPENAI, "anything")).isEmpty();
        assertThat(PriceBook.of(Snapshot.empty()).match(OPENAI, "anything")).isEmpty();
    }

    @Test
    void rulesWithAnUnknownMatchTypeOrNoModelAreSkipped() {
        Row unknown = exact(1, "gpt-4o").row().with("match_type", "regex");
        Row noModel = exact(2, "x").row().without("model_match");

        assertThat(PriceBook.of(List.of(unknown, noModel)).match(OTHER, "gpt-4o")).isEmpty();
    }

    @Test
    void theMatchedPriceCarriesTheRuleRates() {
        PriceBook book = PriceBook.of(List.of(exact(1, "m").usd("input_price", "1.25").usd("output_price", "10").row()));

        Price price = book.match(OTHER, "m").orElseThrow();
        assertThat(price.inputNanosPerMillion()).isEqualTo(1_250_000_000L);
        assertThat(price.base().rate(TokenKind.OUTPUT)).isEqualTo(Rate.of(10_000_000_000L));
        assertThat(price.base().rate(TokenKind.CACHE_READ)).isEqualTo(Rate.ZERO);
    }

    private static Optional<Long> ruleId(PriceBook book, long provider, String model) {
        return book.match(provider, model).map(Price::ruleId);
    }
}
