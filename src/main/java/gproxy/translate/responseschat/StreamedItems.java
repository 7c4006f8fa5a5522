package gproxy.translate.responseschat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The output items of a Responses stream built from Chat deltas. Each item announces itself
 * ({@code output_item.added}), streams its deltas and closes ({@code *.done} events, then
 * {@code output_item.done} with the whole item), always naming its {@code item_id} and
 * {@code output_index}.
 */
final class StreamedItems {
    private StreamedItems() {
    }

    /** One output item. */
    abstract static class Item {
        final String id;
        final int outputIndex;
        boolean closed;

        Item(String id, int outputIndex) {
            this.id = id;
            this.outputIndex = outputIndex;
        }

        abstract void close(ResponsesEvents events, String status);

        abstract ObjectNode whole(String status);

        void added(ResponsesEvents events) {
            events.emit(events.event("response.output_item.added").put("output_index", outputIndex).set("item", whole("in_progress")));
        }

        void done(ResponsesEvents events, String status) {
            closed = true;
            events.emit(events.event("response.output_item.done").put("output_index", outputIndex).set("item", whole(status)));
        }
    }

    /** An assistant message: output text and refusal parts, one open at a time. */
    static final class Message extends Item {
        private final List<String> types = new ArrayList<>();
        private final List<StringBuilder> texts = new ArrayList<>();

        Message(String id, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            added(events);
        }

        void append(String type, String delta, ResponsesEvents events) {
            if (types.isEmpty() || !types.getLast().equals(type)) {
                closePart(events);
                types.add(type);
                texts.add(new StringBuilder());
                events.emit(part("response.content_part.added", events).set("part", part(types.size() - 1, "")));
            }
            texts.getLast().append(delta);
            ObjectNode event = part(type.equals("refusal") ? "response.refusal.delta" : "response.output_text.delta", events).put("delta", delta);
            if (!type.equals("refusal")) {
                event.putArray("logprobs");
            }
            events.emit(event);
        }

        private ObjectNode part(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("content_index", types.size() - 1);
        }

        private ObjectNode part(int index, String text) {
            return types.get(index).equals("refusal") ? ResponseEnvelope.refusal(text) : ResponseEnvelope.outputText(text);
        }

        private void closePart(ResponsesEvents events) {
            if (types.isEmpty()) {
                return;
            }
            String text = texts.getLast().toString();
            if (types.getLast().equals("refusal")) {
                events.emit(part("response.refusal.done", events).put("refusal", text));
            } else {
                ObjectNode done = part("response.output_text.done", events).put("text", text);
                done.putArray("logprobs");
                events.emit(done);
            }
            events.emit(part("response.content_part.done", events).set("part", part(types.size() - 1, text)));
        }

        @Override
        void close(ResponsesEvents events, String status) {
            closePart(events);
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            ArrayNode content = Json.MAPPER.createArrayNode();
            if (!status.equals("in_progress")) {
                for (int i = 0; i < types.size(); i++) {
                    content.add(part(i, texts.get(i).toString()));
                }
            }
            return ResponseEnvelope.message(id, status, content);
        }
    }

    /** A reasoning item with one summary part: Chat's {@code reasoning_content}. */
    static final class Reasoning extends Item {
        private final StringBuilder text = new StringBuilder();

        Reasoning(String id, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            added(events);
            events.emit(summary("response.reasoning_summary_part.added", events).set("part", summaryText("")));
        }

        void append(String delta, ResponsesEvents events) {
            text.append(delta);
            events.emit(summary("response.reasoning_summary_text.delta", events).put("delta", delta));
        }

        private ObjectNode summary(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("summary_index", 0);
        }

        private static ObjectNode summaryText(String text) {
            return Json.object().put("type", "summary_text").put("text", text);
        }

        @Override
        void close(ResponsesEvents events, String status) {
            events.emit(summary("response.reasoning_summary_text.done", events).put("text", text.toString()));
            events.emit(summary("response.reasoning_summary_part.done", events).set("part", summaryText(text.toString())));
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            return ResponseEnvelope.reasoning(id, status.equals("in_progress") ? "" : text.toString());
        }
    }

    /** A function call whose arguments stream in. */
    static final class Call extends Item {
        private final String callId;
        private final String name;
        private final StringBuilder arguments = new StringBuilder();

        Call(String callId, String name, int outputIndex, ResponsesEvents events) {
            super("fc_" + callId, outputIndex);
            this.callId = callId;
            this.name = name;
            added(events);
        }

        void append(String delta, ResponsesEvents events) {
            arguments.append(delta);
            events.emit(events.about("response.function_call_arguments.delta", id, outputIndex).put("delta", delta));
        }

        @Override
        void close(ResponsesEvents events, String status) {
            events.emit(events.about("response.function_call_arguments.done", id, outputIndex).put("name", name)
                    .put("arguments", arguments.toString()));
            done(events, "completed");
        }

        @Override
        ObjectNode whole(String status) {
            return ResponseEnvelope.functionCall(id, status, callId, name, status.equals("in_progress") ? "" : arguments.toString());
        }
    }
}
