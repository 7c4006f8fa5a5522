package gproxy.translate.claudegemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Error objects that arrive inside a body or a stream, in the other dialect. The message goes along
 * in a whole body (it is the upstream's answer to this request) but not mid-stream, where the
 * upstream's text may quote the request into a half-written answer.
 */
final class ClaudeErrors {
    static final String MID_STREAM = "upstream reported an error mid-stream";

    private ClaudeErrors() {
    }

    /** Gemini {@code error: {code, message, status}} → Claude {@code {"type":"error","error":{type,message}}}. */
    static ObjectNode from(JsonNode geminiError) {
        String type = switch (Nodes.text(geminiError, "status").orElse("")) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> "invalid_request_error";
            case "UNAUTHENTICATED" -> "authentication_error";
            case "PERMISSION_DENIED" -> "permission_error";
            case "NOT_FOUND" -> "not_found_error";
            case "RESOURCE_EXHAUSTED" -> "rate_limit_error";
            case "UNAVAILABLE" -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode body = Json.object().put("type", "error");
        body.putObject("error").put("type", type).put("message", Nodes.text(geminiError, "message").orElse(""));
        return body;
    }

    /** Claude {@code {"type":"error","error":{type,message}}} → Gemini {@code {"error": {code, message, status}}}. */
    static ObjectNode toGemini(JsonNode claudeError, boolean keepMessage) {
        JsonNode error = claudeError.path("error");
        String type = Nodes.text(error, "type").orElse("api_error");
        int code = switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 503;
            default -> 500;
        };
        String status = switch (code) {
            case 400, 413 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        ObjectNode body = Json.object();
        body.putObject("error").put("code", code)
                .put("message", keepMessage ? Nodes.text(error, "message").orElse("") : MID_STREAM).put("status", status);
        return body;
    }
}
