package gproxy.server;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import gproxy.error.GatewayException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Credentialed CORS for an exact list of origins; empty means same-origin only. Preflights from a
 * listed origin are answered here (204); from any other origin they are refused (403), so a
 * misconfigured browser client gets a clear answer instead of an opaque network error.
 */
final class CorsFilter implements Filter {
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");
    private static final String GATEWAY_METHODS = "GET, POST, OPTIONS";
    private static final String ADMIN_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    private final Set<String> origins;

    CorsFilter(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || sameOrigin(req, origin.get())) {
            chain.proceed();
            return;
        }
        boolean allowed = origins.contains(origin.get());
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            if (!allowed) {
                throw new GatewayException(403, "origin_not_allowed",
                        "origin " + origin.get() + " is not allowed (configure cors-origins)");
            }
            allow(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
                    Surface.of(req.path().rawPath()) == Surface.GATEWAY ? GATEWAY_METHODS : ADMIN_METHODS);
            req.headers().first(REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        if (allowed) {
            allow(res, origin.get());
        }
        chain.proceed();
    }

    private static void allow(RoutingResponse res, String origin) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, RequestIds.HEADER.defaultCase());
        res.header(HeaderNames.VARY, "Origin");
    }

    private static boolean sameOrigin(RoutingRequest req, String origin) {
        String scheme = req.isSecure() ? "https://" : "http://";
        return origin.equalsIgnoreCase(scheme + req.authority());
    }
}
