package gproxy.server;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.CallerDialect;
import gproxy.protocol.Kind;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The error envelope of each vendor dialect a client may speak. Which one a request gets is decided
 * by {@link CallerDialect} (the classified kind's family, else path and header hints).
 */
enum ClientDialect {
    OPENAI,
    ANTHROPIC,
    GEMINI;

    static ClientDialect of(ServerRequest req) {
        return of(CallerDialect.of(req.prologue().method().text(), req.path().rawPath(),
                req.query().rawValue(), name -> req.headers().contains(HeaderNames.create(name))));
    }

    static ClientDialect of(Kind.Family family) {
        return switch (family) {
            case OPENAI -> OPENAI;
            case CLAUDE -> ANTHROPIC;
            case GEMINI -> GEMINI;
        };
    }

    /**
     * The response header this vendor's SDKs read their request id from ({@code x-request-id} for
     * OpenAI, {@code request-id} for Anthropic), so an error the gateway answers itself shows the
     * gateway's id where the SDK reports one. Gemini's SDKs read none. Upstream answers keep the
     * upstream's own id in that header.
     */
    Optional<String> requestIdHeader() {
        return switch (this) {
            case OPENAI -> Optional.of("x-request-id");
            case ANTHROPIC -> Optional.of("request-id");
            case GEMINI -> Optional.empty();
        };
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
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        };
    }
}
