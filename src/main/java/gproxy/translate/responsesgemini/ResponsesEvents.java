package gproxy.translate.responsesgemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Writes the Responses events of one converted stream: {@code event: <type>} with the type also in
 * the data, and a {@code sequence_number} that counts up from 0 across the whole stream. Events are
 * collected until {@link #drain()} hands them out.
 *
 * <p>Copied from {@code gproxy.translate.responseschat}: pairs keep their helpers private.
 */
final class ResponsesEvents {
    private final List<SseEvent> pending = new ArrayList<>();
    private int sequence;

    /** A new event body of {@code type}; fill it, then {@link #emit} it. */
    ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    void emit(ObjectNode event) {
        event.put("sequence_number", sequence++);
        pending.add(SseEvent.of(event.get("type").asText(), Json.text(event)));
    }

    /** An event about one output item ({@code item_id} + {@code output_index}). */
    ObjectNode about(String type, String itemId, int outputIndex) {
        return event(type).put("item_id", itemId).put("output_index", outputIndex);
    }

    List<SseEvent> drain() {
        List<SseEvent> out = List.copyOf(pending);
        pending.clear();
        return out;
    }
}
