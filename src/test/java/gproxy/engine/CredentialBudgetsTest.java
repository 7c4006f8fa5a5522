package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import gproxy.cache.InProcessCache;
import gproxy.cache.TestCaches;
import gproxy.engine.CredentialBudgets.Verdict;
import gproxy.snapshot.Routing.Credential;

class CredentialBudgetsTest {
    private final MutableClock clock = new MutableClock();
    private final InProcessCache cache = TestCaches.inProcess(clock::nanos);
    private final CredentialBudgets budgets = new CredentialBudgets(cache, clock);
    private final long minute = MutableClock.START.getEpochSecond() / 60;

    private static Credential credential(OptionalLong rpm, OptionalLong tpm) {
        return new Credential(9, 1, "c", "api_key", 100, rpm, tpm);
    }

    @Test
    void aCredentialWithoutLimitsIsAdmittedWithoutAskingTheCache() {
        CredentialBudgets offline = new CredentialBudgets(new DownCache(), clock);

        assertThat(offline.tryAdmit(credential(OptionalLong.empty(), OptionalLong.empty()))).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void aCredentialOverItsRpmIsSkippedUntilTheNextMinute() {
        Credential c = credential(OptionalLong.of(2), OptionalLong.empty());

        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.ADMITTED);
        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.ADMITTED);
        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.OVER_RPM);
        assertThat(cache.get("crpm:9:m" + minute)).contains("3");

        clock.advance(Duration.ofSeconds(60));
        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void aCredentialWhoseMinuteReachedItsTpmIsSkippedAndGetsItsRpmSlotBack() {
        Credential c = credential(OptionalLong.of(10), OptionalLong.of(1000));
        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.ADMITTED);

        budgets.recordTokens(9, 1000);

        assertThat(cache.get("ctpm:9:m" + minute)).contains("1000");
        assertThat(budgets.tryAdmit(c)).isEqualTo(Verdict.OVER_TPM);
        assertThat(cache.get("crpm:9:m" + minute)).contains("1");
    }

    @Test
    void theCountersExpireAfterTwoMinutes() {
        budgets.tryAdmit(credential(OptionalLong.of(5), OptionalLong.empty()));

        clock.advance(Duration.ofSeconds(119));
        assertThat(cache.get("crpm:9:m" + minute)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("crpm:9:m" + minute)).isEmpty();
    }

    @Test
    void aCacheThatIsDownSkipsALimitedCredentialAndLosesTokenCountsQuietly() {
        CredentialBudgets offline = new CredentialBudgets(new DownCache(), clock);

        assertThat(offline.tryAdmit(credential(OptionalLong.of(5), OptionalLong.empty()))).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(offline.tryAdmit(credential(OptionalLong.empty(), OptionalLong.of(5)))).isEqualTo(Verdict.UNAVAILABLE);
        offline.recordTokens(9, 100);
    }
}
