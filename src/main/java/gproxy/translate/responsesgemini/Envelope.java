package gproxy.translate.responsesgemini;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The Responses {@code response} object around a converted Gemini answer, and its output items. A
 * Responses answer echoes the request's settings; a response converter does not see the request, so
 * those fields carry the API's defaults or {@code null}, which the SDKs accept. Gemini stores
 * nothing, so {@code store} is {@code false}: the answer cannot be fetched or continued by id.
 */
final class Envelope {
    private Envelope() {
    }

    static ObjectNode of(String key, long createdAt, String model, String status) {
        ObjectNode r = Json.object();
        r.put("id", "resp_" + key);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("instructions");
        r.putNull("max_output_tokens");
        r.put("model", model);
        r.putArray("output");
        r.put("parallel_tool_calls", true);
        r.putNull("previous_response_id");
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", false);
        r.putNull("temperature");
        r.putObject("text").putObject("format").put("type", "text");
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.putNull("top_p");
        r.put("truncation", "disabled");
        r.putNull("usage");
        r.putNull("user");
        r.putObject("metadata");
        return r;
    }

    /** Sets how it ended, its output items and usage: the shape of a finished response. */
    static ObjectNode finish(ObjectNode response, Outcome outcome, ArrayNode output, JsonNode usage) {
        response.put("status", outcome.status());
        outcome.incompleteReason().ifPresent(r -> response.putObject("incomplete_details").put("reason", r));
        response.set("output", output);
        response.set("usage", usage);
        return response;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode message(String id, String status, ArrayNode content) {
        ObjectNode item = Json.object().put("id", id).put("type", "message").put("status", status).put("role", "assistant");
        item.set("content", content);
        return item;
    }

    static ObjectNode reasoning(String id, String summary, Optional<String> encryptedContent) {
        ObjectNode item = Json.object().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (!summary.isEmpty()) {
            parts.addObject().put("type", "summary_text").put("text", summary);
        }
        encryptedContent.ifPresent(e -> item.put("encrypted_content", e));
        return item;
    }

    static ObjectNode functionCall(String id, String status, String callId, String name, String arguments) {
        return Json.object().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }
}
