package gproxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import gproxy.testing.ExternalServices;

/**
 * The contract on the shared local Redis (127.0.0.1:6379), under a key prefix of this run's own so
 * concurrent runs do not meet. Redis expires keys by its own clock, to the millisecond.
 */
class RedisCacheTest extends CacheContract {
    private final String prefix = "gproxy-test:" + UUID.randomUUID() + ":";

    @Override
    protected CacheBackend open() {
        ExternalServices.require("Redis", "127.0.0.1", 6379);
        return RedisCache.connect("redis://127.0.0.1:6379/0", prefix);
    }

    @Override
    protected void waitPast(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() + 100);
    }

    @Test
    void everyCounterItCreatesCarriesATtlUnderThePrefix() throws Exception {
        cache.incrementBy("ttl-check", 1, Duration.ofSeconds(90));

        try (var raw = new java.net.Socket("127.0.0.1", 6379)) {
            String reply = RawRedis.command(raw, "PTTL", prefix + "ttl-check");
            long pttl = Long.parseLong(reply.substring(1).strip());
            assertThat(pttl).isBetween(1L, 90_000L);
        }
    }

    @Test
    void itsKindIsRedis() {
        assertThat(cache.kind()).isEqualTo("redis");
    }
}
