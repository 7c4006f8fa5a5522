package gproxy.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import gproxy.testing.PrivateRedis;

/** A Redis that dies and comes back, on a private redis-server: loud and bounded failure, then recovery. */
class RedisCacheFailureTest {

    @Test
    void aDeadRedisFailsEachCallWithin1500MsAndTheSameClientRecoversWhenItReturns() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch();
             RedisCache cache = RedisCache.connect(redis.url(), "t:")) {
            assertThat(cache.incrementBy("c", 1, Duration.ofMinutes(1))).isEqualTo(1);

            redis.stop();
            long started = System.nanoTime();
            CacheUnavailableException e = catchThrowableOfType(CacheUnavailableException.class,
                    () -> cache.incrementBy("c", 1, Duration.ofMinutes(1)));
            long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(cache.ping()).isFalse();

            assertThat(e).isNotNull();
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("counter_unavailable");
            System.out.println("[measure] dead Redis: increment failed after " + failedAfterMs + " ms");
            assertThat(failedAfterMs).isLessThan(1_500);

            redis.start(); // empty again: the old counter died with the server
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!cache.ping() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(cache.incrementBy("c", 1, Duration.ofMinutes(1))).isEqualTo(1);
        }
    }

    @Test
    void aSubscriptionIsRestoredAfterRedisReturnsAndSaysSo() throws Exception {
        try (PrivateRedis redis = PrivateRedis.launch();
             RedisCache cache = RedisCache.connect(redis.url(), "t:")) {
            CountDownLatch resubscribed = new CountDownLatch(1);
            CountDownLatch received = new CountDownLatch(1);
            try (CacheBackend.Subscription s = cache.subscribe("reload", m -> received.countDown(),
                    resubscribed::countDown)) {
                redis.stop();
                redis.start();

                assertThat(resubscribed.await(20, TimeUnit.SECONDS)).isTrue();
                cache.publish("reload", "after");
                assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
