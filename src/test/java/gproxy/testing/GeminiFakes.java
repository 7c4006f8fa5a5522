package gproxy.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Gemini {@code GenerateContentResponse} shapes. A stream is a series of such responses, each with
 * a text delta; every chunk carries {@code usageMetadata}, the prompt count throughout and the
 * candidate count on the last one, which also has {@code finishReason: STOP}. Over SSE Gemini
 * frames each chunk with CRLF line endings, so the fake does too.
 */
final class GeminiFakes {
    private GeminiFakes() {
    }

    static ObjectNode generate(String model, String text, Usage usage) {
        return chunk(model, text, true, usage);
    }

    /** The chunks of a stream as JSON texts, for SSE framing or a JSON array. */
    static List<String> chunks(String model, List<String> deltas, Usage usage) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i++) {
            chunks.add(Json.text(chunk(model, deltas.get(i), i == deltas.size() - 1, usage)));
        }
        if (deltas.isEmpty()) {
            chunks.add(Json.text(chunk(model, "", true, usage)));
        }
        return chunks;
    }

    static ObjectNode error(int status, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        error.put("status", switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        });
        return body;
    }

    private static ObjectNode chunk(String model, String text, boolean last, Usage usage) {
        ObjectNode body = Json.object();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        ObjectNode u = body.putObject("usageMetadata");
        u.put("promptTokenCount", usage.inputTokens());
        if (last) {
            u.put("candidatesTokenCount", usage.outputTokens());
        }
        u.put("totalTokenCount", last ? usage.totalTokens() : usage.inputTokens());
        if (usage.cachedInputTokens() > 0) {
            u.put("cachedContentTokenCount", usage.cachedInputTokens());
        }
        u.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", usage.inputTokens());
        body.put("modelVersion", model);
        body.put("responseId", "fake-response");
        return body;
    }
}
