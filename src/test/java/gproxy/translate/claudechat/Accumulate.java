package gproxy.translate.claudechat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Folds a stream into the whole answer the way the vendors' SDKs do (Anthropic's MessageStream,
 * OpenAI's ChatCompletionStream), so tests can hold a streamed answer against a whole one.
 */
final class Accumulate {
    private Accumulate() {
    }

    static ObjectNode claudeMessage(List<SseEvent> events) {
        ObjectNode message = Json.object();
        StringBuilder[] json = new StringBuilder[64];
        for (SseEvent e : events) {
            JsonNode event = Nodes.parse(e.dataText()).orElse(Json.object());
            int index = event.path("index").asInt();
            switch (Nodes.text(event, "type")) {
                case "message_start" -> message.setAll((ObjectNode) event.path("message").deepCopy());
                case "content_block_start" -> {
                    ((ArrayNode) message.path("content")).add(event.path("content_block").deepCopy());
                    json[index] = new StringBuilder();
                }
                case "content_block_delta" -> {
                    ObjectNode block = (ObjectNode) message.path("content").path(index);
                    JsonNode delta = event.path("delta");
                    switch (Nodes.text(delta, "type")) {
                        case "text_delta" -> block.put("text", Nodes.text(block, "text") + Nodes.text(delta, "text"));
                        case "thinking_delta" -> block.put("thinking", Nodes.text(block, "thinking")
                                + Nodes.text(delta, "thinking"));
                        case "signature_delta" -> block.put("signature", Nodes.text(delta, "signature"));
                        case "input_json_delta" -> json[index].append(Nodes.text(delta, "partial_json"));
                        default -> { }
                    }
                }
                case "message_delta" -> {
                    message.put("stop_reason", Nodes.text(event.path("delta"), "stop_reason"));
                    ((ObjectNode) message.path("usage")).setAll((ObjectNode) event.path("usage").deepCopy());
                }
                default -> { }
            }
        }
        // The SDKs re-parse a tool's JSON on every input_json_delta; parsing once at the end is the same.
        for (int i = 0; i < message.path("content").size(); i++) {
            ObjectNode block = (ObjectNode) message.path("content").path(i);
            if (Nodes.text(block, "type").equals("tool_use") && json[i] != null && !json[i].isEmpty()) {
                block.set("input", Json.parse(json[i].toString()));
            }
        }
        return message;
    }

    static ObjectNode openAiCompletion(List<SseEvent> events) {
        ObjectNode message = Json.object().put("role", "assistant");
        ObjectNode choice = Json.object();
        ObjectNode completion = Json.object();
        completion.putArray("choices").add(choice);
        choice.set("message", message);
        for (SseEvent e : events) {
            JsonNode chunk = Nodes.parse(e.dataText()).filter(JsonNode::isObject).orElse(Json.object());
            if (chunk.path("usage").isObject()) {
                completion.set("usage", chunk.path("usage").deepCopy());
            }
            JsonNode c = chunk.path("choices").path(0);
            JsonNode delta = c.path("delta");
            append(message, "content", Nodes.text(delta, "content"));
            append(message, "reasoning_content", Nodes.text(delta, "reasoning_content"));
            Nodes.array(delta, "reasoning_details").forEach(d -> merge(message, "reasoning_details", d));
            Nodes.array(delta, "tool_calls").forEach(t -> merge(message, "tool_calls", t));
            Nodes.nonEmpty(c, "finish_reason").ifPresent(f -> choice.put("finish_reason", f));
        }
        return completion;
    }

    private static void append(ObjectNode node, String field, String more) {
        if (!more.isEmpty()) {
            node.put(field, Nodes.text(node, field) + more);
        }
    }

    /** By index: strings append (text, arguments), everything else is set. */
    private static void merge(ObjectNode message, String field, JsonNode part) {
        ArrayNode list = message.has(field) ? (ArrayNode) message.path(field) : message.putArray(field);
        int index = part.path("index").asInt();
        while (list.size() <= index) {
            list.addObject();
        }
        ObjectNode into = (ObjectNode) list.get(index);
        part.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                ObjectNode inner = into.has(f.getKey()) ? (ObjectNode) into.path(f.getKey()) : into.putObject(f.getKey());
                f.getValue().fields().forEachRemaining(g -> append(inner, g.getKey(), g.getValue().asText()));
            } else if (f.getKey().equals("text")) {
                append(into, "text", f.getValue().asText());
            } else {
                into.set(f.getKey(), f.getValue());
            }
        });
    }
}
