package gproxy.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared short-lived state of the gateway: sessions, counters, pending quota, pins, leases.
 * Every key carries a TTL. Implementations are in-process (single instance) or Redis (cluster).
 * A backend failure is reported as {@link CacheUnavailableException}, never silently ignored, so
 * callers can fail closed.
 */
public interface CacheBackend extends AutoCloseable {

    Optional<String> get(String key);

    void put(String key, String value, Duration ttl);

    /** Resets the TTL of an existing key; false when the key is absent. */
    boolean touch(String key, Duration ttl);

    boolean delete(String key);

    /** Atomically adds {@code delta} (may be negative) and returns the new value; sets the TTL on creation. */
    long incrementBy(String key, long delta, Duration ttl);

    /**
     * Sends {@code message} to the subscribers of {@code channel} on every instance sharing this
     * backend (in-process: this process only). At most once: a message can be lost, so a subscriber
     * must also catch up by other means (a poll, the resync after a reconnect).
     */
    void publish(String channel, String message);

    /**
     * Delivers every message published on {@code channel} to {@code listener}, on a backend thread.
     * {@code resubscribed} runs each time the subscription is re-established after a lost connection,
     * when messages may have been missed. Closing the subscription stops both.
     */
    Subscription subscribe(String channel, Consumer<String> listener, Runnable resubscribed);

    /** Cheap reachability check for readiness. */
    boolean ping();

    /** "memory" or "redis". */
    String kind();

    @Override
    void close();

    /** A live {@link #subscribe} registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
