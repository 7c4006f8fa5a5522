package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import gproxy.cache.CacheBackend;
import gproxy.snapshot.Routing.Credential;

/**
 * The {@code sticky} credential strategy (features §5.4): the credential pinned for (provider, user
 * key) under {@code aff:{provider_id}:{user_key_id}} leads, and the pin is re-set to whichever
 * credential leads on every pick, so its hour is rolling. Best effort: when the cache fails the
 * request only loses stickiness.
 */
final class StickyPins {
    private static final Logger LOG = System.getLogger(StickyPins.class.getName());
    static final Duration TTL = Duration.ofHours(1);

    private final CacheBackend cache;

    StickyPins(CacheBackend cache) {
        this.cache = cache;
    }

    static String key(long providerId, long userKeyId) {
        return "aff:" + providerId + ":" + userKeyId;
    }

    /** Moves the pinned credential (when it is in the pool) to the front, then pins the front one when {@code write}. */
    void apply(long providerId, long userKeyId, List<Credential> pool, boolean write) {
        if (pool.isEmpty()) {
            return;
        }
        String key = key(providerId, userKeyId);
        pinned(key).ifPresent(id -> {
            for (int i = 1; i < pool.size(); i++) {
                if (pool.get(i).id() == id) {
                    pool.add(0, pool.remove(i));
                    return;
                }
            }
        });
        if (!write) {
            return;
        }
        try {
            cache.put(key, Long.toString(pool.get(0).id()), TTL);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "sticky pin not written for provider " + providerId + ": " + e.getMessage());
        }
    }

    private Optional<Long> pinned(String key) {
        try {
            return cache.get(key).map(Long::parseLong);
        } catch (RuntimeException e) {
            // Unreachable cache or a mangled value: no pin, plain rotation.
            LOG.log(Level.DEBUG, "sticky pin not read: " + e.getMessage());
            return Optional.empty();
        }
    }
}
