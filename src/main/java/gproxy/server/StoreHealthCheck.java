package gproxy.server;

import gproxy.store.Store;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/** Readiness of the database: one cheap round trip through the pool. */
final class StoreHealthCheck implements HealthCheck {
    private final Store store;

    StoreHealthCheck(Store store) {
        this.store = store;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.builder().status(true).detail("dialect", store.dialect().name()).build();
        } catch (RuntimeException e) {
            // The exception text may carry a host name; the type is enough for a probe.
            return HealthCheckResponse.builder().status(false).detail("dialect", store.dialect().name())
                    .detail("error", e.getClass().getSimpleName()).build();
        }
    }
}
