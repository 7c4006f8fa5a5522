package gproxy.server;

import java.util.Optional;

import gproxy.logs.RequestLog;
import gproxy.logs.RequestLogs;
import gproxy.snapshot.ControlPlane;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Opens the request log of every client-surface exchange whose snapshot logs anything, tees the
 * response into its bounded capture when downstream bodies are kept, and writes its rows when the
 * exchange is over — after the error handlers rendered a failure and after a stream's last byte, so
 * the row has the final status and the whole (bounded) answer.
 */
final class RequestLogFilter implements Filter {
    private final ControlPlane controlPlane;
    private final RequestLogs logs;

    RequestLogFilter(ControlPlane controlPlane, RequestLogs logs) {
        this.controlPlane = controlPlane;
        this.logs = logs;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (Surface.of(req.path().rawPath()) != Surface.GATEWAY || req.prologue().method().text().equals("OPTIONS")) {
            chain.proceed();
            return;
        }
        Optional<RequestLog> log = logs.open(controlPlane.current(), req, RequestIds.of(req));
        if (log.isEmpty()) {
            chain.proceed();
            return;
        }
        if (log.get().switches().downstreamBody()) {
            res.streamFilter(log.get()::tee);
        }
        try {
            chain.proceed();
        } finally {
            logs.write(log.get(), res.status().code());
        }
    }
}
