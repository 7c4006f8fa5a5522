package gproxy.admin;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;

import gproxy.error.GatewayException;
import gproxy.server.ErrorResponses;
import gproxy.server.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ServerRequest;

/**
 * Turns failures into admin error replies:
 * {@code {"error":{"type","code","message","field"?,"request_id"}}}. Unexpected exceptions are
 * logged with their stack and answered with an opaque 500.
 */
final class AdminErrors {
    private static final Logger LOG = System.getLogger(AdminErrors.class.getName());

    private AdminErrors() {
    }

    static Reply reply(ServerRequest req, RuntimeException failure) {
        if (failure instanceof GatewayException e) {
            return of(req, e);
        }
        if (failure instanceof HttpException e) {
            // Helidon's own failures while reading the request (bad framing, entity too large)
            int status = e.status().code();
            return of(req, new GatewayException(status, status == 413 ? "payload_too_large" : "invalid_request",
                    e.getMessage()));
        }
        String requestId = RequestIds.of(req);
        LOG.log(Level.ERROR, "admin request " + requestId + " failed: " + req.prologue().method().text() + " "
                + req.path().absolute().path(), failure);
        return of(req, new GatewayException(500, "internal_error", "internal error (request id " + requestId + ")"));
    }

    static Reply of(ServerRequest req, GatewayException e) {
        return Reply.json(e.status(), ErrorResponses.adminEnvelope(e, RequestIds.of(req)));
    }

    static Reply methodNotAllowed(ServerRequest req, Set<String> allow) {
        String allowed = String.join(", ", allow);
        return of(req, new GatewayException(405, "method_not_allowed", req.prologue().method().text() + " "
                + req.path().absolute().path() + " is not allowed (expected: " + allowed + ")"))
                .with(HeaderValues.create(HeaderNames.ALLOW, allowed));
    }

    static GatewayException notFound(ServerRequest req) {
        return GatewayException.notFound("admin endpoint " + req.path().absolute().path());
    }

    static GatewayException csrfRejected() {
        return new GatewayException(403, "csrf_rejected",
                "cross-origin request refused (expected: an Origin or Referer of this host "
                        + "or a configured CORS origin)");
    }
}
