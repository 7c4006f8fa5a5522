package gproxy.engine;

import java.time.Duration;
import java.util.Optional;

import gproxy.cache.CacheBackend;
import gproxy.cache.CacheUnavailableException;

/** A cache backend that is down: every call fails the way an unreachable Redis does. */
final class DownCache implements CacheBackend {
    private static CacheUnavailableException down() {
        return new CacheUnavailableException("cache down", new java.io.IOException("connection refused"));
    }

    @Override
    public Optional<String> get(String key) {
        throw down();
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        throw down();
    }

    @Override
    public boolean touch(String key, Duration ttl) {
        throw down();
    }

    @Override
    public boolean delete(String key) {
        throw down();
    }

    @Override
    public long incrementBy(String key, long delta, Duration ttl) {
        throw down();
    }

    @Override
    public void publish(String channel, String message) {
        throw down();
    }

    @Override
    public Subscription subscribe(String channel, java.util.function.Consumer<String> listener, Runnable resubscribed) {
        throw down();
    }

    @Override
    public boolean ping() {
        return false;
    }

    @Override
    public String kind() {
        return "down";
    }

    @Override
    public void close() {
    }
}
