package gproxy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * The OpenAI Responses API: the response object, and its stream — {@code event:} lines, a
 * {@code sequence_number} on every event, no {@code [DONE]}: {@code response.created},
 * {@code response.in_progress}, the output item and content part opened, text deltas, everything
 * closed again, and {@code response.completed} carrying the usage.
 */
final class OpenAiResponsesFakes {
    private static final String RESPONSE_ID = "resp_fake";
    private static final String ITEM_ID = "msg_fake";

    private OpenAiResponsesFakes() {
    }

    static ObjectNode response(String model, String text, Usage usage) {
        ObjectNode response = base(model, "completed");
        response.putArray("output").add(message(text, "completed"));
        ObjectNode u = response.putObject("usage");
        u.put("input_tokens", usage.inputTokens());
        u.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        u.put("output_tokens", usage.outputTokens());
        u.putObject("output_tokens_details").put("reasoning_tokens", 0);
        u.put("total_tokens", usage.totalTokens());
        return response;
    }

    static List<SseEvent> stream(String model, List<String> deltas, Usage usage) {
        Sequence seq = new Sequence();
        String text = String.join("", deltas);
        List<SseEvent> events = new ArrayList<>();
        ObjectNode inProgress = base(model, "in_progress");
        inProgress.putArray("output");
        inProgress.putNull("usage");
        events.add(seq.event("response.created", e -> e.set("response", inProgress)));
        events.add(seq.event("response.in_progress", e -> e.set("response", inProgress)));
        events.add(seq.event("response.output_item.added", e -> e.put("output_index", 0)
                .set("item", message(null, "in_progress"))));
        events.add(seq.event("response.content_part.added", e -> part(e).set("part", outputText(""))));
        for (String delta : deltas) {
            events.add(seq.event("response.output_text.delta", e -> part(e).put("delta", delta).putArray("logprobs")));
        }
        events.add(seq.event("response.output_text.done", e -> part(e).put("text", text).putArray("logprobs")));
        events.add(seq.event("response.content_part.done", e -> part(e).set("part", outputText(text))));
        events.add(seq.event("response.output_item.done", e -> e.put("output_index", 0)
                .set("item", message(text, "completed"))));
        events.add(seq.event("response.completed", e -> e.set("response", response(model, text, usage))));
        return events;
    }

    private static ObjectNode part(ObjectNode event) {
        return event.put("item_id", ITEM_ID).put("output_index", 0).put("content_index", 0);
    }

    private static ObjectNode base(String model, String status) {
        ObjectNode r = Json.object();
        r.put("id", RESPONSE_ID);
        r.put("object", "response");
        r.put("created_at", OpenAiFakes.CREATED);
        r.put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("instructions");
        r.putNull("max_output_tokens");
        r.put("model", model);
        r.put("parallel_tool_calls", true);
        r.putNull("previous_response_id");
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", true);
        r.put("temperature", 1.0);
        r.putObject("text").putObject("format").put("type", "text");
        r.put("tool_choice", "auto");
        r.putArray("tools");
        r.put("top_p", 1.0);
        r.put("truncation", "disabled");
        r.putNull("user");
        r.putObject("metadata");
        return r;
    }

    /** The assistant message item; {@code text == null} means no content yet. */
    private static ObjectNode message(String text, String status) {
        ObjectNode item = Json.object();
        item.put("id", ITEM_ID);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        var content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        return part;
    }

    /** Numbers the events of one stream. */
    private static final class Sequence {
        private int next;

        SseEvent event(String type, Consumer<ObjectNode> fill) {
            ObjectNode event = Json.object();
            event.put("type", type);
            fill.accept(event);
            event.put("sequence_number", next++);
            return SseEvent.of(type, Json.text(event));
        }
    }
}
