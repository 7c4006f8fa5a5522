package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.channel.Disposition;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    private static final Disposition RATE_LIMITED = new Disposition.RateLimited(Optional.of(Duration.ofSeconds(5)));

    @Test
    void aSuccessStopsAndIsReturned() {
        assertThat(policy.decide(1, Disposition.SUCCESS, true)).isEqualTo(new RetryDecision.Stop(true, "the upstream answered"));
    }

    @Test
    void aClientErrorStopsAtOnceAndIsReturnedEvenWithCandidatesAndBudgetLeft() {
        RetryDecision d = policy.decide(1, Disposition.PERMANENT, true);

        assertThat(d).isInstanceOfSatisfying(RetryDecision.Stop.class, s -> assertThat(s.returnLast()).isTrue());
    }

    @Test
    void authDeadRateLimitedAndTransientFailOverWhileBudgetAndCandidatesRemain() {
        assertThat(policy.decide(1, Disposition.AUTH_DEAD, true)).isInstanceOf(RetryDecision.Next.class);
        assertThat(policy.decide(2, RATE_LIMITED, true)).isInstanceOf(RetryDecision.Next.class);
        assertThat(policy.decide(5, Disposition.TRANSIENT, true)).isInstanceOf(RetryDecision.Next.class);
    }

    @Test
    void theSixthAttemptIsTheLast() {
        assertThat(policy.decide(6, Disposition.TRANSIENT, true))
                .isEqualTo(new RetryDecision.Stop(false, "attempt budget of 6 spent"));
    }

    @Test
    void runningOutOfCandidatesStops() {
        assertThat(policy.decide(2, Disposition.TRANSIENT, false)).isEqualTo(new RetryDecision.Stop(false, "no candidate left"));
    }

    @Test
    void aFinalRateLimitGoesBackToTheClientAsItIsButAFinalAuthOrServerErrorDoesNot() {
        assertThat(policy.decide(6, RATE_LIMITED, true)).isEqualTo(new RetryDecision.Stop(true, "attempt budget of 6 spent"));
        assertThat(policy.decide(1, RATE_LIMITED, false)).isEqualTo(new RetryDecision.Stop(true, "no candidate left"));
        assertThat(policy.decide(1, Disposition.AUTH_DEAD, false)).isEqualTo(new RetryDecision.Stop(false, "no candidate left"));
    }

    @Test
    void aSingleAttemptBudgetNeverFailsOver() {
        assertThat(new RetryPolicy(1).decide(1, Disposition.TRANSIENT, true)).isInstanceOf(RetryDecision.Stop.class);
    }

    @Test
    void argumentsOutOfRangeAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new RetryPolicy(0)).hasMessage("max-attempts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> policy.decide(0, Disposition.SUCCESS, true)).hasMessage("attempts: 0 (expected: >= 1)");
    }
}
