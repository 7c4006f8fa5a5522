package gproxy.engine;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/**
 * The last event of a stream that cannot end well after the answer had started, in the client's
 * dialect: the upstream broke off, or (a stream that began with keepalives) the upstream answered
 * with an error. An SDK that reads it raises an error instead of returning a silently cut answer.
 */
final class StreamErrors {
    private static final String MESSAGE = "upstream stream ended unexpectedly";

    private StreamErrors() {
    }

    static byte[] sse(Kind.Family dialect) {
        return sse(dialect, json(dialect));
    }

    static byte[] json(Kind.Family dialect) {
        String body = switch (dialect) {
            case OPENAI -> "{\"error\":{\"message\":\"" + MESSAGE + "\",\"type\":\"server_error\",\"code\":"
                    + "\"upstream_stream_broken\"}}";
            case CLAUDE -> "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + MESSAGE + "\"}}";
            case GEMINI -> "{\"error\":{\"code\":502,\"message\":\"" + MESSAGE + "\",\"status\":\"UNAVAILABLE\"}}";
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** An error answer ({@code status}, {@code message}) as the stream's last event. */
    static byte[] sse(Kind.Family dialect, int status, String message) {
        return sse(dialect, json(dialect, status, message));
    }

    /** An error answer in the dialect's error envelope, typed by its status as the vendor would. */
    static byte[] json(Kind.Family dialect, int status, String message) {
        ObjectNode body = Json.object();
        switch (dialect) {
            case OPENAI -> body.putObject("error").put("message", message).put("type", status == 429
                    ? "rate_limit_error" : status < 500 ? "invalid_request_error" : "server_error")
                    .put("code", status == 429 ? "rate_limit_exceeded" : "upstream_error");
            case CLAUDE -> body.put("type", "error").putObject("error").put("type", claudeType(status))
                    .put("message", message);
            case GEMINI -> body.putObject("error").put("code", status).put("message", message)
                    .put("status", geminiStatus(status));
        }
        return Json.bytes(body);
    }

    private static byte[] sse(Kind.Family dialect, byte[] json) {
        String data = new String(json, StandardCharsets.UTF_8);
        String event = dialect == Kind.Family.CLAUDE ? "event: error\ndata: " + data + "\n\n" : "data: " + data + "\n\n";
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private static String claudeType(int status) {
        return switch (status) {
            case 400, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static String geminiStatus(int status) {
        return switch (status) {
            case 400, 422 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 504 -> "DEADLINE_EXCEEDED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
    }
}
