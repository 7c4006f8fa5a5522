package gproxy.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.logs.RequestLog;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Renders every error the gateway itself produces: the admin/ops shape
 * ({@code {"error":{"type","code","message","field","request_id"}}}) or, on the client surface, the
 * caller's dialect envelope. Always carries the request id, in the body and in the header (on the
 * client surface also in the header the caller's SDK reads, see {@link ClientDialect#requestIdHeader}).
 */
public final class ErrorResponses {
    private static final Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    public static void send(ServerRequest req, ServerResponse res, GatewayException e) {
        String requestId = RequestIds.of(req);
        RequestLog.of(req).ifPresent(log -> log.failed(e.code()));
        res.status(Status.create(e.status()));
        res.header(RequestIds.HEADER, requestId);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.header(HeaderValues.CACHE_NO_CACHE);
        e.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        if (e.status() == 503 || e.status() == 429) {
            res.headers().setIfAbsent(HeaderValues.create(HeaderNames.RETRY_AFTER, "1"));
        }
        if (Surface.of(req.path().rawPath()) != Surface.GATEWAY) {
            res.send(Json.bytes(adminEnvelope(e, requestId)));
            return;
        }
        ClientDialect dialect = ClientDialect.of(req);
        dialect.requestIdHeader().ifPresent(name -> res.header(HeaderNames.create(name), requestId));
        res.send(Json.bytes(dialect.envelope(e, requestId)));
    }

    /** The admin and ops error body. */
    public static ObjectNode adminEnvelope(GatewayException e, String requestId) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("type", e.code());
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e instanceof InvalidInputException invalid) {
            error.put("field", invalid.field());
        }
        error.put("request_id", requestId);
        return body;
    }

    /** Helidon's own HTTP errors (no route, bad request line, …) in our shape. */
    static void sendHttp(ServerRequest req, ServerResponse res, HttpException e) {
        int status = e.status().code();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 400 -> "invalid_request";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
        String message = status == 404 ? "no such endpoint: " + req.prologue().method().text() + " "
                + req.path().rawPath() : e.getMessage();
        send(req, res, new GatewayException(status, code, message));
    }

    /** Anything unexpected: logged with its stack, answered with an opaque 500. */
    static void sendUnexpected(ServerRequest req, ServerResponse res, Throwable e) {
        String requestId = RequestIds.of(req);
        LOG.log(Level.ERROR, "request " + requestId + " failed: " + req.prologue().method().text() + " "
                + req.path().rawPath(), e);
        send(req, res, new GatewayException(500, "internal_error", "internal error (request id " + requestId + ")"));
    }
}
