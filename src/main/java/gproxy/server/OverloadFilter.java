package gproxy.server;

import java.util.concurrent.Semaphore;

import gproxy.error.GatewayException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Sheds client traffic above {@code max-in-flight} with an immediate 503 {@code gateway_overloaded}
 * instead of queueing it. Admin, ops and console requests are never limited, so operators can still
 * reach a saturated gateway.
 */
final class OverloadFilter implements Filter {
    private final int max;
    private final Semaphore permits;

    OverloadFilter(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (Surface.of(req.path().rawPath()) != Surface.GATEWAY) {
            chain.proceed();
            return;
        }
        if (!permits.tryAcquire()) {
            throw new GatewayException(503, "gateway_overloaded",
                    "gateway overloaded: " + max + " requests in flight, retry shortly");
        }
        try {
            chain.proceed();
        } finally {
            permits.release();
        }
    }

    int available() {
        return permits.availablePermits();
    }
}
