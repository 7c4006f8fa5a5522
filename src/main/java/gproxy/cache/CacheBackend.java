package gproxy.cache;

import java.time.Duration;
import java.util.Optional;

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

    /** Cheap reachability check for readiness. */
    boolean ping();

    /** "memory" or "redis". */
    String kind();

    @Override
    void close();
}
