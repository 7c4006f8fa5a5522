package gproxy.engine;

import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerResponse;

/**
 * Which upstream response headers reach the client: all but hop-by-hop ones, framing the gateway
 * redoes, cookies of the provider's domain, and headers that describe the provider's edge.
 */
final class ResponseHeaders {
    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "transfer-encoding", "te", "trailer", "upgrade", "content-length",
            "content-encoding", "set-cookie", "server", "date", "via", "alt-svc", "strict-transport-security",
            "cf-ray", "cf-cache-status", "nel", "report-to", "x-gproxy-request-id");

    private ResponseHeaders() {
    }

    static void copy(Headers from, ServerResponse to) {
        for (Header header : from) {
            if (!DROPPED.contains(header.headerName().lowerCase())) {
                to.header(header);
            }
        }
    }
}
