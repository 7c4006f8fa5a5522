package gproxy.translate.responsesclaude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The Responses {@code response} object around a converted Claude answer, and its output items. A
 * Responses answer echoes the request's settings; a response converter does not see the request, so
 * those fields carry the API's defaults or {@code null}, which the SDKs accept. Ids share the Claude
 * message id's suffix: {@code msg_01X} answers as {@code resp_01X}.
 */
final class Envelope {
    private Envelope() {
    }

    static String suffix(String claudeId) {
        return claudeId.startsWith("msg_") ? claudeId.substring("msg_".length()) : claudeId.isEmpty() ? "gproxy" : claudeId;
    }

    static ObjectNode of(String suffix, long createdAt, String model, String status) {
        ObjectNode r = Json.object();
        r.put("id", "resp_" + suffix);
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

    static ObjectNode functionCall(String callId, String status, String name, String arguments) {
        return Json.object().put("id", "fc_" + callId).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    static String reasoningId(String suffix, int outputIndex) {
        return "rs_" + suffix + "_" + outputIndex;
    }

    static String messageId(String suffix, int outputIndex) {
        return "msg_" + suffix + (outputIndex == 0 ? "" : "_" + outputIndex);
    }
}
