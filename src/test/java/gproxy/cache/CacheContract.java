package gproxy.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link CacheBackend} contract, run against each backend by a subclass that opens one. Tests
 * keep out of each other's way with random keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CacheContract {
    protected CacheBackend cache;

    protected abstract CacheBackend open();

    /** Waits until {@code key} has expired by the backend's own clock. */
    protected abstract void waitPast(Duration ttl) throws InterruptedException;

    @BeforeAll
    void openBackend() {
        cache = open();
    }

    @AfterAll
    void closeBackend() {
        if (cache != null) {
            cache.close();
        }
    }

    private static String key() {
        return "t:" + UUID.randomUUID();
    }

    @Test
    void aValuePutIsReadBackUntilDeleted() {
        String key = key();
        cache.put(key, "v1", Duration.ofMinutes(1));

        assertThat(cache.get(key)).contains("v1");
        assertThat(cache.delete(key)).isTrue();
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.delete(key)).isFalse();
    }

    @Test
    void anAbsentKeyReadsEmptyAndCannotBeTouched() {
        assertThat(cache.get(key())).isEmpty();
        assertThat(cache.touch(key(), Duration.ofMinutes(1))).isFalse();
    }

    @Test
    void aKeyExpiresAfterItsTtl() throws InterruptedException {
        String key = key();
        cache.put(key, "v", Duration.ofMillis(150));

        waitPast(Duration.ofMillis(150));

        assertThat(cache.get(key)).isEmpty();
    }

    @Test
    void touchingAKeyExtendsItsLife() throws InterruptedException {
        String key = key();
        cache.put(key, "v", Duration.ofMillis(300));

        assertThat(cache.touch(key, Duration.ofMinutes(1))).isTrue();
        waitPast(Duration.ofMillis(300));

        assertThat(cache.get(key)).contains("v");
    }

    @Test
    void incrementStartsAtTheDeltaAndAddsSignedDeltas() {
        String key = key();

        assertThat(cache.incrementBy(key, 5, Duration.ofMinutes(1))).isEqualTo(5);
        assertThat(cache.incrementBy(key, -7, Duration.ofMinutes(1))).isEqualTo(-2);
        assertThat(cache.get(key)).contains("-2");
    }

    @Test
    void aCounterKeepsTheTtlOfItsCreationAndStartsOverOnceExpired() throws InterruptedException {
        String key = key();
        cache.incrementBy(key, 1, Duration.ofMillis(300));
        cache.incrementBy(key, 1, Duration.ofMinutes(10)); // a later TTL does not extend the window

        waitPast(Duration.ofMillis(300));

        assertThat(cache.incrementBy(key, 1, Duration.ofMinutes(1))).isEqualTo(1);
    }

    @Test
    void concurrentIncrementsLoseNoUpdate() throws Exception {
        String key = key();
        int threads = 8;
        int each = 250;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    cache.incrementBy(key, 1, Duration.ofMinutes(1));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(cache.get(key)).contains(Integer.toString(threads * each));
    }

    @Test
    void aZeroOrNegativeTtlIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> cache.put(key(), "v", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl: PT0S");
        assertThatThrownBy(() -> cache.incrementBy(key(), 1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublishedMessageReachesEverySubscriberOfItsChannelOnly() throws InterruptedException {
        String channel = "ch:" + UUID.randomUUID();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> other = new CopyOnWriteArrayList<>();
        CountDownLatch received = new CountDownLatch(1);
        try (CacheBackend.Subscription a = cache.subscribe(channel, m -> {
                first.add(m);
                received.countDown();
            }, () -> { });
             CacheBackend.Subscription b = cache.subscribe("ch:" + UUID.randomUUID(), other::add, () -> { })) {
            cache.publish(channel, "revision 7");

            assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(first).containsExactly("revision 7");
            assertThat(other).isEmpty();
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothing() throws InterruptedException {
        String channel = "ch:" + UUID.randomUUID();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch live = new CountDownLatch(1);
        try (CacheBackend.Subscription marker = cache.subscribe(channel, m -> live.countDown(), () -> { })) {
            cache.subscribe(channel, seen::add, () -> { }).close();
            cache.publish(channel, "late");

            assertThat(live.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void aReachableBackendAnswersPing() {
        assertThat(cache.ping()).isTrue();
    }
}
