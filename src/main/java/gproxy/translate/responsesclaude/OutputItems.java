package gproxy.translate.responsesclaude;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The output items of a Responses stream built from Claude content blocks. Each item announces
 * itself ({@code output_item.added}), streams its deltas and closes ({@code *.done} events, then
 * {@code output_item.done} with the whole item), always naming its {@code item_id} and
 * {@code output_index}; content parts name their {@code content_index}.
 */
final class OutputItems {
    private OutputItems() {
    }

    /** One output item. */
    abstract static class Item {
        final String id;
        final int outputIndex;
        boolean closed;
        String status = "in_progress";

        Item(String id, int outputIndex) {
            this.id = id;
            this.outputIndex = outputIndex;
        }

        abstract ObjectNode whole(String status);

        /** Ends the item's open parts, then the item. */
        abstract void close(ResponsesEvents events, String status);

        void added(ResponsesEvents events) {
            events.emit(events.event("response.output_item.added").put("output_index", outputIndex).set("item", whole("in_progress")));
        }

        void done(ResponsesEvents events, String status) {
            closed = true;
            this.status = status;
            events.emit(events.event("response.output_item.done").put("output_index", outputIndex).set("item", whole(status)));
        }
    }

    /** An assistant message: one {@code output_text} part per Claude text block. */
    static final class Message extends Item {
        private final List<StringBuilder> parts = new ArrayList<>();
        private boolean partOpen;

        Message(String id, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            added(events);
        }

        void openPart(String initial, ResponsesEvents events) {
            closePart(events);
            parts.add(new StringBuilder());
            partOpen = true;
            events.emit(part("response.content_part.added", events).set("part", Envelope.outputText("")));
            append(initial, events);
        }

        void append(String delta, ResponsesEvents events) {
            if (delta.isEmpty() || !partOpen) {
                return;
            }
            parts.getLast().append(delta);
            ObjectNode event = part("response.output_text.delta", events).put("delta", delta);
            event.putArray("logprobs");
            events.emit(event);
        }

        void closePart(ResponsesEvents events) {
            if (!partOpen) {
                return;
            }
            partOpen = false;
            String text = parts.getLast().toString();
            ObjectNode done = part("response.output_text.done", events).put("text", text);
            done.putArray("logprobs");
            events.emit(done);
            events.emit(part("response.content_part.done", events).set("part", Envelope.outputText(text)));
        }

        private ObjectNode part(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("content_index", parts.size() - 1);
        }

        @Override
        void close(ResponsesEvents events, String status) {
            closePart(events);
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            ArrayNode content = Nodes.newArray();
            if (!status.equals("in_progress")) {
                parts.forEach(p -> content.add(Envelope.outputText(p.toString())));
            }
            return Envelope.message(id, status, content);
        }
    }

    /** A reasoning item from a thinking block: its text as one summary part, its signature carried. */
    static final class Reasoning extends Item {
        private final StringBuilder text = new StringBuilder();
        private final boolean summarised;
        private String encrypted = "";

        /** @param redactedData present for a redacted thinking block, which has no text to summarise */
        Reasoning(String id, int outputIndex, Optional<String> redactedData, ResponsesEvents events) {
            super(id, outputIndex);
            summarised = redactedData.isEmpty();
            redactedData.ifPresent(d -> encrypted = ReasoningCarry.encryptedForRedacted(d));
            added(events);
            if (summarised) {
                events.emit(summary("response.reasoning_summary_part.added", events).set("part", summaryText("")));
            }
        }

        void append(String delta, ResponsesEvents events) {
            if (delta.isEmpty() || !summarised) {
                return;
            }
            text.append(delta);
            events.emit(summary("response.reasoning_summary_text.delta", events).put("delta", delta));
        }

        void sign(String signature) {
            encrypted = ReasoningCarry.encryptedForThinking(signature);
        }

        private ObjectNode summary(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("summary_index", 0);
        }

        private static ObjectNode summaryText(String text) {
            return Json.object().put("type", "summary_text").put("text", text);
        }

        @Override
        void close(ResponsesEvents events, String status) {
            if (summarised) {
                events.emit(summary("response.reasoning_summary_text.done", events).put("text", text.toString()));
                events.emit(summary("response.reasoning_summary_part.done", events).set("part", summaryText(text.toString())));
            }
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            boolean finished = !status.equals("in_progress");
            return ReasoningCarry.reasoning(id, finished ? text.toString() : "",
                    Optional.of(encrypted).filter(e -> finished && !e.isEmpty()));
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
            if (delta.isEmpty()) {
                return;
            }
            arguments.append(delta);
            events.emit(events.about("response.function_call_arguments.delta", id, outputIndex).put("delta", delta));
        }

        @Override
        void close(ResponsesEvents events, String status) {
            if (arguments.isEmpty()) {
                arguments.append("{}"); // a call without input streams none; Responses wants JSON text
            }
            events.emit(events.about("response.function_call_arguments.done", id, outputIndex).put("name", name)
                    .put("arguments", arguments.toString()));
            done(events, "completed");
        }

        @Override
        ObjectNode whole(String status) {
            return Envelope.functionCall(callId, status.equals("in_progress") ? "in_progress" : "completed", name,
                    status.equals("in_progress") ? "" : arguments.toString());
        }
    }
}
