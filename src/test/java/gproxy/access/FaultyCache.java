package gproxy.access;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import gproxy.cache.CacheBackend;
import gproxy.cache.CacheUnavailableException;
import gproxy.cache.TestCaches;

/**
 * The real in-process cache, except that calls on the keys {@link #failing} selects fail the way an
 * unreachable Redis does, so a test can break the middle of a chain and watch the roll-back.
 */
final class FaultyCache implements CacheBackend {
    private final CacheBackend real;
    private volatile Predicate<String> failing = key -> false;

    FaultyCache(ManualClock clock) {
        this.real = TestCaches.inProcess(clock::nanos);
    }

    void failKeys(Predicate<String> keys) {
        failing = keys;
    }

    void failEverything() {
        failing = key -> true;
    }

    void heal() {
        failing = key -> false;
    }

    long value(String key) {
        return real.get(key).map(Long::parseLong).orElse(0L);
    }

    @Override
    public Optional<String> get(String key) {
        check(key);
        return real.get(key);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        check(key);
        real.put(key, value, ttl);
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        check(key);
        return real.touch(key, ttl);
    }

    @Override
    public boolean delete(String key) {
        check(key);
        return real.delete(key);
    }

    @Override
    public long incrementBy(String key, long delta, Duration ttl) {
        check(key);
        return real.incrementBy(key, delta, ttl);
    }

    @Override
    public void publish(String channel, String message) {
        check(channel);
        real.publish(channel, message);
    }

    @Override
    public Subscription subscribe(String channel, java.util.function.Consumer<String> listener, Runnable resubscribed) {
        return real.subscribe(channel, listener, resubscribed);
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public String kind() {
        return "faulty";
    }

    @Override
    public void close() {
        real.close();
    }

    private void check(String key) {
        if (failing.test(key)) {
            throw new CacheUnavailableException("connection refused", new IOException("connection refused"));
        }
    }
}
