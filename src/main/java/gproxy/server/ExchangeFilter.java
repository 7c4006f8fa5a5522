package gproxy.server;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The outermost filter: gives every exchange its request id (context and response header), counts
 * it as in flight for the drain, asks clients to close connections while draining, and records
 * per-surface metrics.
 */
final class ExchangeFilter implements Filter {
    private final long instanceId;
    private final Lifecycle lifecycle;
    private final GatewayMetrics metrics;

    ExchangeFilter(long instanceId, Lifecycle lifecycle, GatewayMetrics metrics) {
        this.instanceId = instanceId;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String id = RequestIds.generate(instanceId);
        req.context().register(RequestIds.RequestId.class, new RequestIds.RequestId(id));
        res.header(RequestIds.HEADER, id);
        if (lifecycle.draining()) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
        Surface surface = Surface.of(req.path().rawPath());
        TrafficLabels labels = null;
        if (surface == Surface.GATEWAY) {
            labels = new TrafficLabels();
            req.context().register(TrafficLabels.class, labels);
        }
        long started = System.nanoTime();
        lifecycle.enter();
        try {
            chain.proceed();
        } finally {
            lifecycle.exit();
            metrics.recordExchange(surface, res.status().code(), System.nanoTime() - started);
            if (labels != null) {
                metrics.recordGatewayRequest(labels, res.status().code());
            }
        }
    }
}
