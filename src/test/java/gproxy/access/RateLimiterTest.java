package gproxy.access;

import static gproxy.access.Callers.ORG;
import static gproxy.access.Callers.TEAM;
import static gproxy.access.Callers.USER;
import static gproxy.access.Callers.rateLimit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;
import gproxy.store.Row;

class RateLimiterTest {
    private static final long MINUTE = ManualClock.START.getEpochSecond() / 60;
    private static final long DAY = ManualClock.START.getEpochSecond() / 86_400;

    private final ManualClock clock = new ManualClock();
    private final FaultyCache cache = new FaultyCache(clock);

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @Test
    void exactlyRpmRequestsAreAdmittedAndTheNextIsRefusedWithRetryAfterToTheMinuteEnd() {
        RateLimiter limiter = limiter(rateLimit(5, "user", USER, "*", 3L, null, null));

        for (int i = 0; i < 3; i++) {
            limiter.admit(Callers.loner(), "fast");
        }
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.loner(), "fast"));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.retryAfterSeconds()).as("12:00:30 → 12:01:00").isEqualTo(30);
        assertThat(e.getMessage()).contains("user", "3 requests per minute");
        assertThat(cache.value("rl:user:7:5:m" + MINUTE)).as("the refused request was rolled back").isEqualTo(3);
    }

    @Test
    void theNextMinuteOpensAFreshWindow() {
        RateLimiter limiter = limiter(rateLimit(5, "user", USER, "*", 1L, null, null));
        limiter.admit(Callers.loner(), "fast");
        catchThrowableOfType(RateLimitedException.class, () -> limiter.admit(Callers.loner(), "fast"));

        clock.advance(Duration.ofSeconds(30));

        assertThatCode(() -> limiter.admit(Callers.loner(), "fast")).doesNotThrowAnyException();
    }

    @Test
    void rpdRefusalRetriesAtTheEndOfTheUtcDay() {
        RateLimiter limiter = limiter(rateLimit(5, "user", USER, "*", null, 2L, null));
        limiter.admit(Callers.loner(), "fast");
        limiter.admit(Callers.loner(), "fast");

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.loner(), "fast"));

        assertThat(e.retryAfterSeconds()).as("12:00:30 → 24:00:00").isEqualTo(11 * 3600 + 59 * 60 + 30);
        assertThat(cache.value("rl:user:7:5:d" + DAY)).isEqualTo(2);
    }

    @Test
    void anOrgRefusalRollsBackTheUsersAndTeamsIncrementsToo() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "*", 10L, 100L, null),
                rateLimit(2, "team", TEAM, "*", 10L, null, null), rateLimit(3, "org", ORG, "*", 1L, null, null));
        limiter.admit(Callers.member(), "fast");

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.member(), "fast"));

        assertThat(e.getMessage()).contains("org");
        assertThat(cache.value("rl:user:7:1:m" + MINUTE)).isEqualTo(1);
        assertThat(cache.value("rl:user:7:1:d" + DAY)).isEqualTo(1);
        assertThat(cache.value("rl:team:3:2:m" + MINUTE)).isEqualTo(1);
        assertThat(cache.value("rl:org:1:3:m" + MINUTE)).isEqualTo(1);
    }

    @Test
    void theFirstRefusalInChainOrderIsTheOneReported() {
        RateLimiter limiter = limiter(rateLimit(3, "org", ORG, "*", 1L, null, null),
                rateLimit(1, "user", USER, "*", 1L, null, null));
        limiter.admit(Callers.member(), "fast");

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.member(), "fast"));

        assertThat(e.getMessage()).contains("the user allows");
        assertThat(cache.value("rl:org:1:3:m" + MINUTE)).as("never reached, never counted").isEqualTo(1);
    }

    @Test
    void aCacheFailureMidChainIs503AndRollsBackWhatWasIncremented() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "*", 10L, 10L, null),
                rateLimit(2, "team", TEAM, "*", 10L, null, null), rateLimit(3, "org", ORG, "*", 10L, null, null));
        cache.failKeys(key -> key.startsWith("rl:org:"));

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> limiter.admit(Callers.member(), "fast"));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("counter_unavailable");
        assertThat(e.getMessage()).doesNotContain("connection refused");
        assertThat(cache.value("rl:user:7:1:m" + MINUTE)).isZero();
        assertThat(cache.value("rl:user:7:1:d" + DAY)).isZero();
        assertThat(cache.value("rl:team:3:2:m" + MINUTE)).isZero();
    }

    @Test
    void aCacheThatIsDownRefusesLimitedRequestsButNotUnlimitedOnes() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "openai", 10L, null, null));
        cache.failEverything();

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> limiter.admit(Callers.loner(), "openai/gpt-4o"));

        assertThat(e.status()).isEqualTo(503);
        assertThatCode(() -> limiter.admit(Callers.loner(), "fast")).as("no limit applies, no counter needed")
                .doesNotThrowAnyException();
    }

    @Test
    void theDailyTokenLimitRefusesOnceTheDaysSettledTokensReachIt() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "*", null, null, 1_000L));
        RateAdmission first = limiter.admit(Callers.loner(), "fast");
        limiter.recordTokens(first, 999);
        RateAdmission second = limiter.admit(Callers.loner(), "fast");
        limiter.recordTokens(second, 1);

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.loner(), "fast"));

        assertThat(e.getMessage()).contains("1000 tokens per day");
        assertThat(e.retryAfterSeconds()).isEqualTo(11 * 3600 + 59 * 60 + 30);
        clock.set(Instant.parse("2025-01-16T00:00:00Z"));
        assertThatCode(() -> limiter.admit(Callers.loner(), "fast")).doesNotThrowAnyException();
    }

    @Test
    void tokensAreRecordedOnlyForLimitsWithATokenBudget() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "*", 10L, null, null),
                rateLimit(2, "user", USER, "*", null, null, 5_000L));

        limiter.recordTokens(limiter.admit(Callers.loner(), "fast"), 1_234);

        assertThat(cache.value("rl:user:7:2:t" + DAY)).isEqualTo(1_234);
        assertThat(cache.value("rl:user:7:1:t" + DAY)).isZero();
    }

    @Test
    void aLimitAppliesByProviderNameOrByModelPattern() {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "openai", 1L, null, null),
                rateLimit(2, "user", USER, "anthropic/*", 1L, null, null));

        limiter.admit(Callers.loner(), "openai/gpt-4o");
        assertThat(catchThrowableOfType(RateLimitedException.class,
                () -> limiter.admit(Callers.loner(), "openai/o3"))).as("provider-level attribution").isNotNull();
        assertThatCode(() -> limiter.admit(Callers.loner(), "fast")).doesNotThrowAnyException();
        assertThat(cache.value("rl:user:7:2:m" + MINUTE)).isZero();
    }

    @Test
    void sixtyFourConcurrentRequestsAgainstAnOrgRpmOfTenAdmitExactlyTen() throws Exception {
        RateLimiter limiter = limiter(rateLimit(1, "user", USER, "*", 1_000L, null, null),
                rateLimit(2, "org", ORG, "*", 10L, null, null));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        limiter.admit(Callers.member(), "fast");
                        return true;
                    } catch (RateLimitedException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
        }
        long admitted = 0;
        for (Future<Boolean> r : results) {
            admitted += r.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(admitted).isEqualTo(10);
        assertThat(cache.value("rl:org:1:2:m" + MINUTE)).isEqualTo(10);
        assertThat(cache.value("rl:user:7:1:m" + MINUTE)).as("refused at the org, given back at the user")
                .isEqualTo(10);
    }

    private RateLimiter limiter(Row... rows) {
        return RateLimiter.of(List.of(rows), cache, clock);
    }
}
