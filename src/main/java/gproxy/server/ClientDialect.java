package gproxy.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The vendor dialect a client speaks, as far as errors are concerned: Gemini for {@code /v1beta/}
 * paths or {@code x-goog-api-key}; Anthropic for {@code /messages} paths, {@code x-api-key} or
 * {@code anthropic-version}; OpenAI otherwise.
 */
enum ClientDialect {
    OPENAI,
    ANTHROPIC,
    GEMINI;

    static ClientDialect of(ServerRequest req) {
        String path = req.path().rawPath();
        var headers = req.headers();
        if (path.contains("/v1beta/") || path.endsWith("/v1beta") || headers.contains(HeaderNames.create("x-goog-api-key"))) {
            return GEMINI;
        }
        if (path.contains("/messages") || headers.contains(HeaderNames.create("x-api-key"))
                || headers.contains(HeaderNames.create("anthropic-version"))) {
            return ANTHROPIC;
        }
        return OPENAI;
    }

    ObjectNode envelope(GatewayException e, String requestId) {
        ObjectNode body = Json.object();
        switch (this) {
            case OPENAI -> {
                ObjectNode error = body.putObject("error");
                error.put("message", e.getMessage());
                error.put("type", openAiType(e.status()));
                error.putNull("param");
                error.put("code", e.code());
                error.put("request_id", requestId);
            }
            case ANTHROPIC -> {
                body.put("type", "error");
                ObjectNode error = body.putObject("error");
                error.put("type", anthropicType(e.status()));
                error.put("message", e.getMessage());
                error.put("code", e.code());
                body.put("request_id", requestId);
            }
            case GEMINI -> {
                ObjectNode error = body.putObject("error");
                error.put("code", e.status());
                error.put("message", e.getMessage());
                error.put("status", geminiStatus(e.status()));
                error.put("reason", e.code());
                error.put("request_id", requestId);
            }
        }
        return body;
    }

    private static String openAiType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 402 -> "insufficient_quota";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }

    private static String geminiStatus(int status) {
        return switch (status) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402, 429 -> "RESOURCE_EXHAUSTED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
