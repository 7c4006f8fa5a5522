package gproxy.server;

import gproxy.cache.CacheBackend;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness of the cache backend (always up for the in-process cache). */
final class CacheHealthCheck implements HealthCheck {
    private final CacheBackend cache;

    CacheHealthCheck(CacheBackend cache) {
        this.cache = cache;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = cache.ping();
        return HealthCheckResponse.builder().status(up).detail("backend", cache.kind()).build();
    }
}
