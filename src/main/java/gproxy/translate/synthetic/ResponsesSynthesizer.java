package gproxy.translate.synthetic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * An OpenAI {@code response} as the events the Responses API streams, each with its
 * {@code sequence_number}: {@code response.created} and {@code response.in_progress} (no output
 * yet), then per output item {@code response.output_item.added}, its parts and deltas (message
 * text and refusals, function call arguments; other items arrive whole) and
 * {@code response.output_item.done}; last the terminal event named by the response's status
 * ({@code response.completed}, {@code response.incomplete} or {@code response.failed}) with the
 * whole response, usage included.
 */
final class ResponsesSynthesizer {
    private final List<SseEvent> out = new ArrayList<>();
    private int sequence;

    private ResponsesSynthesizer() {
    }

    static List<SseEvent> events(ObjectNode response) {
        ResponsesSynthesizer s = new ResponsesSynthesizer();
        s.run(response);
        return s.out;
    }

    private void run(ObjectNode response) {
        ObjectNode pending = response.deepCopy().put("status", "in_progress");
        pending.putArray("output");
        pending.putNull("usage");
        emit(event("response.created").set("response", pending));
        emit(event("response.in_progress").set("response", pending));
        int index = 0;
        for (JsonNode item : response.path("output")) {
            item(index++, item);
        }
        String status = response.path("status").asText("completed");
        String terminal = switch (status) {
            case "incomplete" -> "response.incomplete";
            case "failed" -> "response.failed";
            default -> "response.completed";
        };
        emit(event(terminal).set("response", response));
    }

    private void item(int index, JsonNode item) {
        String id = item.path("id").asText("item_" + index);
        switch (item.path("type").asText()) {
            case "message" -> {
                ObjectNode added = ((ObjectNode) item.deepCopy()).put("status", "in_progress");
                added.putArray("content");
                emit(event("response.output_item.added").put("output_index", index).set("item", added));
                int part = 0;
                for (JsonNode content : item.path("content")) {
                    part(id, index, part++, content);
                }
            }
            case "function_call" -> {
                ObjectNode added = ((ObjectNode) item.deepCopy()).put("status", "in_progress").put("arguments", "");
                emit(event("response.output_item.added").put("output_index", index).set("item", added));
                String arguments = item.path("arguments").asText("");
                emit(about("response.function_call_arguments.delta", id, index).put("delta", arguments));
                emit(about("response.function_call_arguments.done", id, index).put("arguments", arguments));
            }
            default -> emit(event("response.output_item.added").put("output_index", index).set("item", item));
        }
        emit(event("response.output_item.done").put("output_index", index).set("item", item));
    }

    private void part(String itemId, int index, int contentIndex, JsonNode content) {
        String type = content.path("type").asText();
        boolean refusal = type.equals("refusal");
        if (!refusal && !type.equals("output_text")) {
            emit(about("response.content_part.added", itemId, index).put("content_index", contentIndex)
                    .set("part", content));
            emit(about("response.content_part.done", itemId, index).put("content_index", contentIndex)
                    .set("part", content));
            return;
        }
        String field = refusal ? "refusal" : "text";
        ObjectNode empty = Json.object().put("type", type).put(field, "");
        if (!refusal) {
            empty.putArray("annotations");
        }
        String text = content.path(field).asText("");
        emit(about("response.content_part.added", itemId, index).put("content_index", contentIndex).set("part", empty));
        String prefix = refusal ? "response.refusal" : "response.output_text";
        ObjectNode delta = about(prefix + ".delta", itemId, index).put("content_index", contentIndex).put("delta", text);
        if (!refusal) {
            delta.putArray("logprobs");
        }
        emit(delta);
        emit(about(prefix + ".done", itemId, index).put("content_index", contentIndex).put(field, text));
        emit(about("response.content_part.done", itemId, index).put("content_index", contentIndex)
                .set("part", content));
    }

    private ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    private ObjectNode about(String type, String itemId, int outputIndex) {
        return event(type).put("item_id", itemId).put("output_index", outputIndex);
    }

    private void emit(JsonNode event) {
        ObjectNode e = (ObjectNode) event;
        e.put("sequence_number", sequence++);
        out.add(SseEvent.of(e.get("type").asText(), Json.text(e)));
    }
}
