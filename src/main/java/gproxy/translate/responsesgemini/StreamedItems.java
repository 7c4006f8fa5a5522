package gproxy.translate.responsesgemini;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The output items of a Responses stream built from Gemini parts. Each item announces itself
 * ({@code output_item.added}), streams its deltas and closes ({@code *.done} events, then
 * {@code output_item.done} with the whole item), always naming its {@code item_id} and
 * {@code output_index}. After the whole pattern of {@code gproxy.translate.responseschat}.
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

    /** An assistant message with one output text part. */
    static final class Message extends Item {
        private final StringBuilder text = new StringBuilder();
        private boolean partOpen;

        Message(String id, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            added(events);
        }

        void append(String delta, ResponsesEvents events) {
            if (!partOpen) {
                partOpen = true;
                events.emit(part("response.content_part.added", events).set("part", Envelope.outputText("")));
            }
            text.append(delta);
            ObjectNode event = part("response.output_text.delta", events).put("delta", delta);
            event.putArray("logprobs");
            events.emit(event);
        }

        private ObjectNode part(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("content_index", 0);
        }

        @Override
        void close(ResponsesEvents events, String status) {
            if (partOpen) {
                ObjectNode done = part("response.output_text.done", events).put("text", text.toString());
                done.putArray("logprobs");
                events.emit(done);
                events.emit(part("response.content_part.done", events).set("part", Envelope.outputText(text.toString())));
            }
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            ArrayNode content = Json.MAPPER.createArrayNode();
            if (!status.equals("in_progress") && partOpen) {
                content.add(Envelope.outputText(text.toString()));
            }
            return Envelope.message(id, status, content);
        }
    }

    /** A reasoning item: Gemini's thoughts as one summary part, a signature as its encrypted content. */
    static final class Reasoning extends Item {
        private final StringBuilder text = new StringBuilder();
        private Optional<String> encrypted = Optional.empty();
        private boolean partOpen;

        Reasoning(String id, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            added(events);
        }

        void append(String delta, ResponsesEvents events) {
            if (!partOpen) {
                partOpen = true;
                events.emit(summary("response.reasoning_summary_part.added", events).set("part", summaryText("")));
            }
            text.append(delta);
            events.emit(summary("response.reasoning_summary_text.delta", events).put("delta", delta));
        }

        void sign(String geminiSignature) {
            encrypted = Optional.of(Signatures.encryptedContent(geminiSignature));
        }

        private ObjectNode summary(String type, ResponsesEvents events) {
            return events.about(type, id, outputIndex).put("summary_index", 0);
        }

        private static ObjectNode summaryText(String text) {
            return Json.object().put("type", "summary_text").put("text", text);
        }

        @Override
        void close(ResponsesEvents events, String status) {
            if (partOpen) {
                events.emit(summary("response.reasoning_summary_text.done", events).put("text", text.toString()));
                events.emit(summary("response.reasoning_summary_part.done", events).set("part", summaryText(text.toString())));
            }
            done(events, status);
        }

        @Override
        ObjectNode whole(String status) {
            return status.equals("in_progress") ? Envelope.reasoning(id, "", Optional.empty())
                    : Envelope.reasoning(id, text.toString(), encrypted);
        }
    }

    /** A function call; Gemini sends each whole, so its arguments go out in one delta. */
    static final class Call extends Item {
        private final String callId;
        private final String name;
        private final String arguments;

        Call(String id, String callId, String name, String arguments, int outputIndex, ResponsesEvents events) {
            super(id, outputIndex);
            this.callId = callId;
            this.name = name;
            this.arguments = arguments;
            added(events);
            events.emit(events.about("response.function_call_arguments.delta", id, outputIndex).put("delta", arguments));
        }

        @Override
        void close(ResponsesEvents events, String status) {
            events.emit(events.about("response.function_call_arguments.done", id, outputIndex).put("name", name)
                    .put("arguments", arguments));
            done(events, "completed");
        }

        @Override
        ObjectNode whole(String status) {
            return Envelope.functionCall(id, status, callId, name, status.equals("in_progress") ? "" : arguments);
        }
    }
}
