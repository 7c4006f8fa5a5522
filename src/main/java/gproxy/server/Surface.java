package gproxy.server;

import java.util.Set;

/** Which API surface a path belongs to; decides error shape, limits and auth. */
enum Surface {
    /** Liveness, readiness, version, metrics. */
    OPS,
    /** Admin API and user portal: JSON errors of the gateway's own shape. */
    ADMIN,
    /** The web console's static assets. */
    CONSOLE,
    /** Client traffic in a vendor dialect: overload-limited, dialect error envelopes. */
    GATEWAY;

    private static final Set<String> OPS_PATHS = Set.of("/healthz", "/readyz", "/version", "/metrics");

    static Surface of(String path) {
        if (OPS_PATHS.contains(path)) {
            return OPS;
        }
        if (startsWithSegment(path, "/admin") || startsWithSegment(path, "/user")) {
            return ADMIN;
        }
        if (startsWithSegment(path, "/console") || path.equals("/") || path.equals("/favicon.ico")) {
            return CONSOLE;
        }
        return GATEWAY;
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
