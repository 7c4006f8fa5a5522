package gproxy.server;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.CallerDialect;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * The answers Helidon sends itself, before any route or filter runs (a malformed request line or
 * header, a head too large, a body over the transport limit): our envelope in the caller's dialect
 * and a request id, as on every other answer. Nothing reached the gateway, so nothing is billed.
 */
final class TransportErrors implements DirectHandler {
    private final long instanceId;

    TransportErrors(long instanceId) {
        this.instanceId = instanceId;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String requestId = RequestIds.generate(instanceId);
        GatewayException error = new GatewayException(status.code(), code(status.code()), describe(eventType, message));
        String rawPath = request.path();
        int query = rawPath.indexOf('?');
        String path = query < 0 ? rawPath : rawPath.substring(0, query);
        byte[] body;
        TransportResponse.Builder response = TransportResponse.builder().status(status).headers(headers)
                .keepAlive(eventType.keepAlive());
        response.header(RequestIds.HEADER, requestId);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.header(HeaderValues.CACHE_NO_CACHE);
        if (Surface.of(path) != Surface.GATEWAY) {
            body = Json.bytes(ErrorResponses.adminEnvelope(error, requestId));
        } else {
            ClientDialect dialect = dialect(request, path, query < 0 ? "" : rawPath.substring(query + 1));
            dialect.requestIdHeader().ifPresent(name -> response.header(HeaderNames.create(name), requestId));
            body = Json.bytes(dialect.envelope(error, requestId));
        }
        return response.entity(body).build();
    }

    private static ClientDialect dialect(TransportRequest request, String path, String query) {
        return ClientDialect.of(CallerDialect.of(request.method(), path, query,
                name -> request.headers().contains(HeaderNames.create(name))));
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 413 -> "payload_too_large";
            case 431 -> "request_header_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static String describe(EventType eventType, String message) {
        String detail = message == null || message.isBlank() ? eventType.defaultStatus().reasonPhrase() : message;
        return "the request could not be read: " + detail;
    }
}
