package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import gproxy.channel.Disposition;
import gproxy.engine.Breaker.Admission;
import gproxy.snapshot.Routing.BreakerSettings;

class BreakerTest {
    private static final BreakerSettings DEFAULTS = BreakerSettings.DEFAULT;
    private static final long T0 = 1_000_000;
    private final Breaker breaker = new Breaker();

    private void fail(int times, long now) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure(DEFAULTS, now);
        }
    }

    @Test
    void opensOnTheFifthConsecutiveFailureForThirtySeconds() {
        fail(4, T0);
        assertThat(breaker.available(T0)).isTrue();

        assertThat(breaker.onFailure(DEFAULTS, T0)).contains(new Breaker.Opened(T0 + 30_000, 5));

        assertThat(breaker.available(T0 + 29_999)).isFalse();
        assertThat(breaker.tryAcquire(T0 + 29_999)).isEqualTo(Admission.REFUSED);
        assertThat(breaker.available(T0 + 30_000)).isTrue();
    }

    @Test
    void aSuccessBreaksTheRunOfFailures() {
        fail(4, T0);
        breaker.onSuccess();
        fail(4, T0);

        assertThat(breaker.available(T0)).isTrue();
        assertThat(breaker.state()).isEqualTo(new Breaker.Closed(4));
    }

    @Test
    void providerSettingsChangeTheThresholdAndTheCooldown() {
        BreakerSettings strict = new BreakerSettings(2, Duration.ofSeconds(10));
        breaker.onFailure(strict, T0);

        assertThat(breaker.onFailure(strict, T0)).contains(new Breaker.Opened(T0 + 10_000, 2));
    }

    @Test
    void halfOpenAdmitsExactlyOneProbeAmongSixteenConcurrentAttempts() throws Exception {
        fail(5, T0);
        long due = T0 + 30_000;
        CountDownLatch ready = new CountDownLatch(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Admission>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return breaker.tryAcquire(due);
                }));
            }
            ready.await();
            go.countDown();
            int probes = 0;
            for (Future<Admission> f : results) {
                Admission a = f.get();
                assertThat(a).isIn(Admission.PROBE, Admission.REFUSED);
                probes += a == Admission.PROBE ? 1 : 0;
            }
            assertThat(probes).isEqualTo(1);
        }
    }

    @Test
    void eachFailedProbeDoublesTheCooldownUpToFiveMinutes() {
        fail(5, T0);
        long now = T0 + 30_000;
        List<Long> cooldowns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertThat(breaker.tryAcquire(now)).isEqualTo(Admission.PROBE);
            Optional<Breaker.Transition> t = breaker.onFailure(DEFAULTS, now);
            long until = ((Breaker.Opened) t.orElseThrow()).until();
            cooldowns.add((until - now) / 1000);
            now = until;
        }

        assertThat(cooldowns).containsExactly(60L, 120L, 240L, 300L, 300L);
    }

    @Test
    void aProbeSuccessClosesAndResetsTheDoubling() {
        fail(5, T0);
        breaker.tryAcquire(T0 + 30_000);
        breaker.onFailure(DEFAULTS, T0 + 30_000);
        breaker.tryAcquire(T0 + 90_000);

        assertThat(breaker.onSuccess()).contains(new Breaker.Recovered());
        assertThat(breaker.tryAcquire(T0 + 90_000)).isEqualTo(Admission.CLOSED);

        fail(4, T0 + 100_000);
        assertThat(breaker.onFailure(DEFAULTS, T0 + 100_000)).contains(new Breaker.Opened(T0 + 130_000, 5));
    }

    @Test
    void aProbeWhoseOutcomeIsNeverRecordedReArmsAfterThirtySeconds() {
        fail(5, T0);
        long due = T0 + 30_000;
        assertThat(breaker.tryAcquire(due)).isEqualTo(Admission.PROBE);

        assertThat(breaker.available(due + 29_999)).isFalse();
        assertThat(breaker.tryAcquire(due + 29_999)).isEqualTo(Admission.REFUSED);
        assertThat(breaker.tryAcquire(due + 30_000)).isEqualTo(Admission.PROBE);
    }

    @Test
    void aReleasedProbeCanBeTakenAgainAtOnce() {
        fail(5, T0);
        long due = T0 + 30_000;
        breaker.tryAcquire(due);

        breaker.release(due + 1);

        assertThat(breaker.tryAcquire(due + 1)).isEqualTo(Admission.PROBE);
    }

    @Test
    void lateResultsOfRequestsSentBeforeTheOpenChangeNothing() {
        fail(5, T0);

        assertThat(breaker.onSuccess()).isEmpty();
        assertThat(breaker.onFailure(DEFAULTS, T0 + 1)).isEmpty();
        assertThat(breaker.state()).isEqualTo(new Breaker.Open(T0 + 30_000, 1, 5));
    }
}
