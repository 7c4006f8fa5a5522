/**
 * The cache backend contract and its implementations: sessions, counters, pending quota, pins, and
 * pub/sub for cluster messages (config revisions, committed quota spend). {@link gproxy.cache.InProcessCache}
 * serves one process; {@link gproxy.cache.RedisCache} (Redisson) serves a cluster, every key under
 * {@code cache.key-prefix} and with a TTL, increments as one Lua script. Owns expiry, atomicity,
 * bounded timeouts and reconnection; a backend failure is a {@link gproxy.cache.CacheUnavailableException}
 * (503 {@code counter_unavailable}), never a silent local fallback. Does not know what the keys mean
 * (callers own key naming).
 */
package gproxy.cache;
