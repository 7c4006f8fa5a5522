package gproxy.translate.responsesclaude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Folds a stream into the whole answer the way the vendors' SDKs do, from the deltas alone:
 * Anthropic's MessageStream (blocks by index) and a Responses accumulator (items by output index,
 * parts by content index), so tests can hold a streamed answer against a whole one.
 */
final class Fold {
    private Fold() {
    }

    static ObjectNode claudeMessage(List<SseEvent> events) {
        ObjectNode message = Json.object();
        Map<Integer, StringBuilder> json = new LinkedHashMap<>();
        for (SseEvent e : events) {
            JsonNode event = Nodes.parse(e.dataText()).orElse(Json.object());
            int index = event.path("index").asInt();
            switch (Nodes.text(event, "type")) {
                case "message_start" -> message.setAll((ObjectNode) event.path("message").deepCopy());
                case "content_block_start" -> {
                    ((ArrayNode) message.path("content")).add(event.path("content_block").deepCopy());
                    json.put(index, new StringBuilder());
                }
                case "content_block_delta" -> {
                    ObjectNode block = (ObjectNode) message.path("content").path(index);
                    JsonNode delta = event.path("delta");
                    switch (Nodes.text(delta, "type")) {
                        case "text_delta" -> block.put("text", Nodes.text(block, "text") + Nodes.text(delta, "text"));
                        case "thinking_delta" -> block.put("thinking", Nodes.text(block, "thinking") + Nodes.text(delta, "thinking"));
                        case "signature_delta" -> block.put("signature", Nodes.text(delta, "signature"));
                        case "input_json_delta" -> json.get(index).append(Nodes.text(delta, "partial_json"));
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
        json.forEach((i, text) -> {
            ObjectNode block = (ObjectNode) message.path("content").path(i);
            if (Nodes.text(block, "type").equals("tool_use") && !text.isEmpty()) {
                block.set("input", Json.parse(text.toString()));
            }
        });
        return message;
    }

    /** The output items as the deltas built them (not as the terminal event says), and the terminal response. */
    static ObjectNode responsesOutput(List<SseEvent> events) {
        ArrayNode output = Nodes.newArray();
        ObjectNode out = Json.object();
        for (SseEvent e : events) {
            JsonNode event = Nodes.parse(e.dataText()).orElse(Json.object());
            JsonNode item = output.path(event.path("output_index").asInt());
            switch (Nodes.text(event, "type")) {
                case "response.output_item.added" -> output.add(event.path("item").deepCopy());
                case "response.content_part.added" -> ((ArrayNode) item.path("content")).add(event.path("part").deepCopy());
                case "response.output_text.delta" -> {
                    ObjectNode part = (ObjectNode) item.path("content").path(event.path("content_index").asInt());
                    part.put("text", Nodes.text(part, "text") + Nodes.text(event, "delta"));
                }
                case "response.reasoning_summary_part.added" -> ((ArrayNode) item.path("summary")).add(event.path("part").deepCopy());
                case "response.reasoning_summary_text.delta" -> {
                    ObjectNode part = (ObjectNode) item.path("summary").path(event.path("summary_index").asInt());
                    part.put("text", Nodes.text(part, "text") + Nodes.text(event, "delta"));
                }
                case "response.function_call_arguments.delta" -> ((ObjectNode) item)
                        .put("arguments", Nodes.text(item, "arguments") + Nodes.text(event, "delta"));
                case "response.output_item.done" -> {
                    // what only the done event says: the final status and a reasoning item's proof
                    Nodes.nonEmpty(event.path("item"), "status").ifPresent(c -> ((ObjectNode) item).put("status", c));
                    Nodes.nonEmpty(event.path("item"), "encrypted_content").ifPresent(c -> ((ObjectNode) item).put("encrypted_content", c));
                }
                case "response.completed", "response.incomplete" -> out.set("response", event.path("response"));
                default -> { }
            }
        }
        out.set("output", output);
        return out;
    }
}
