package gproxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** The contract on the in-process cache, on the real clock. */
class InProcessCacheTest extends CacheContract {
    @Override
    protected CacheBackend open() {
        return new InProcessCache();
    }

    @Override
    protected void waitPast(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.toMillis() + 50);
    }

    @org.junit.jupiter.api.Test
    void itsKindIsMemory() {
        assertThat(cache.kind()).isEqualTo("memory");
    }
}
