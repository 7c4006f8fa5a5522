package gproxy.translate.responsesclaude;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** Error objects in each dialect, for errors that arrive inside a body or a stream. */
final class Errors {
    private static final Set<String> CLAUDE_TYPES = Set.of("invalid_request_error", "authentication_error",
            "permission_error", "not_found_error", "request_too_large", "rate_limit_error", "api_error",
            "overloaded_error");

    private Errors() {
    }

    /** OpenAI {@code {"error": {message, type, code}}} (or a stream's {@code error} event) → Claude's error body. */
    static ObjectNode toClaude(JsonNode openAiError) {
        JsonNode error = openAiError.path("error").isObject() ? openAiError.path("error") : openAiError;
        String type = Nodes.text(error, "type");
        String code = Nodes.text(error, "code");
        String claudeType = CLAUDE_TYPES.contains(type) ? type
                : code.equals("rate_limit_exceeded") ? "rate_limit_error"
                : code.equals("server_is_overloaded") ? "overloaded_error" : "api_error";
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", claudeType)
                .put("message", Nodes.nonEmpty(error, "message").orElse("upstream reported an error"));
        return body;
    }

    /** Claude {@code {"type":"error","error":{type,message}}} → OpenAI {@code {"error": {...}}}. */
    static ObjectNode toOpenAi(JsonNode claudeError) {
        JsonNode error = claudeError.path("error");
        ObjectNode body = Json.object();
        ObjectNode out = body.putObject("error");
        out.put("message", Nodes.text(error, "message"));
        out.put("type", Nodes.nonEmpty(error, "type").orElse("api_error"));
        out.putNull("param");
        out.putNull("code");
        return body;
    }
}
