package gproxy.server;

import java.util.ArrayList;
import java.util.List;

import gproxy.config.Settings;
import gproxy.error.GatewayException;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

/**
 * The routing tree, in order: filters (request id and drain accounting → CORS → request logs → body limit →
 * overload), ops endpoints, the mounted services (admin, gateway surfaces), then a fallback that
 * answers unknown paths with 404 in the caller's shape. Error handlers render every failure with
 * the request id.
 */
final class GatewayRouting {
    private final List<Mount> mounts = new ArrayList<>();
    private final List<Filter> surfaceFilters = new ArrayList<>();
    private final Settings settings;
    private final Lifecycle lifecycle;
    private final GatewayMetrics metrics;
    private final OpsService ops;
    private final OverloadFilter overload;

    private record Mount(String path, HttpService service) {
    }

    GatewayRouting(Settings settings, Lifecycle lifecycle, GatewayMetrics metrics, OpsService ops) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.ops = ops;
        this.overload = new OverloadFilter(settings.maxInFlight());
        metrics.gauge("gproxy_gateway_permits_available", overload::available);
    }

    /** Mounts a service under a path prefix ({@code "/"} for services with absolute paths). */
    GatewayRouting mount(String path, HttpService service) {
        mounts.add(new Mount(path, service));
        return this;
    }

    /** A filter run after CORS and before the body limit and the overload shedding (request logs). */
    GatewayRouting filter(Filter filter) {
        surfaceFilters.add(filter);
        return this;
    }

    void configure(HttpRouting.Builder routing) {
        routing.addFilter(new ExchangeFilter(settings.instanceId(), lifecycle, metrics))
                .addFilter(new CorsFilter(settings.corsOrigins()));
        surfaceFilters.forEach(routing::addFilter);
        routing.addFilter(new BodyLimitFilter(settings.maxBodyBytes()))
                .addFilter(overload)
                .register(ops);
        for (Mount m : mounts) {
            if (m.path().equals("/")) {
                routing.register(m.service());
            } else {
                routing.register(m.path(), m.service());
            }
        }
        routing.any((req, res) -> {
            throw new GatewayException(404, "unknown_endpoint", "no such endpoint: "
                    + req.prologue().method().text() + " " + req.path().rawPath());
        });
        routing.error(GatewayException.class, ErrorResponses::send)
                .error(HttpException.class, ErrorResponses::sendHttp)
                .error(Throwable.class, ErrorResponses::sendUnexpected);
    }
}
