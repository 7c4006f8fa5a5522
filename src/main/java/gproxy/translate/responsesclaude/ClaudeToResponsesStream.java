package gproxy.translate.responsesclaude;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * A Claude stream → OpenAI Responses events: {@code response.created} and {@code response.in_progress}
 * at {@code message_start}; per thinking block a reasoning item (summary deltas, the signature in its
 * {@code encrypted_content} when it closes); per run of text blocks one message item with a content
 * part per block; per {@code tool_use} a function call item with its arguments streamed; and at
 * {@code message_stop} {@code response.completed} (or {@code response.incomplete}) with the whole output
 * and the usage of {@code message_start} + {@code message_delta}, token for token. Server-tool blocks
 * and citations are dropped; {@code ping} stays a keepalive (an SSE comment). A stream cut before its
 * {@code message_delta} is left without a terminal event, so the client sees a cut, not a made-up end.
 */
final class ClaudeToResponsesStream implements StreamTranslator {
    private final LongSupplier epochSeconds;
    private final ResponsesEvents events = new ResponsesEvents();
    private final List<OutputItems.Item> items = new ArrayList<>();
    private final Map<Integer, OutputItems.Item> blocks = new HashMap<>();
    private Optional<ObjectNode> envelope = Optional.empty();
    private Optional<OutputItems.Message> message = Optional.empty();
    private String suffix = "gproxy";
    private Tokens usage = Tokens.ZERO;
    private Optional<String> stopReason = Optional.empty();
    private boolean done;

    ClaudeToResponsesStream(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        Optional<JsonNode> data = Nodes.parse(upstreamEvent.dataText()).filter(JsonNode::isObject);
        if (done || data.isEmpty()) {
            return List.of();
        }
        JsonNode event = data.get();
        switch (Nodes.nonEmpty(event, "type").orElse(upstreamEvent.type())) {
            case "message_start" -> start(event.path("message"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "content_block_stop" -> blockStop(event.path("index").asInt());
            case "message_delta" -> {
                usage = usage.plusClaude(event.path("usage"));
                Nodes.nonEmpty(event.path("delta"), "stop_reason").ifPresent(r -> stopReason = Optional.of(r));
                stopReason = stopReason.or(() -> Optional.of("end_turn"));
            }
            case "message_stop" -> complete();
            case "ping" -> events.keepalive();
            case "error" -> fail(event);
            default -> { } // unknown events: nothing to say in Responses' terms
        }
        return events.drain();
    }

    /** Ends like message_stop when the upstream stopped after its message_delta; a cut stream stays cut. */
    @Override
    public List<SseEvent> finish() {
        if (!done && stopReason.isPresent()) {
            complete();
        }
        done = true;
        return events.drain();
    }

    private void start(JsonNode claudeMessage) {
        if (envelope.isPresent()) {
            return;
        }
        suffix = Envelope.suffix(Nodes.text(claudeMessage, "id"));
        usage = Tokens.fromClaude(claudeMessage.path("usage"));
        // the upstream's model; ClientEvents names the client's
        ObjectNode response = Envelope.of(suffix, epochSeconds.getAsLong(), Nodes.text(claudeMessage, "model"), "in_progress");
        envelope = Optional.of(response);
        events.emit(events.event("response.created").set("response", response.deepCopy()));
        events.emit(events.event("response.in_progress").set("response", response.deepCopy()));
    }

    private void blockStart(int index, JsonNode block) {
        start(Json.object()); // an upstream that skipped message_start still gets a response
        switch (Nodes.text(block, "type")) {
            case "text" -> {
                OutputItems.Message m = message.filter(open -> !open.closed).orElseGet(this::newMessage);
                m.openPart(Nodes.text(block, "text"), events);
                blocks.put(index, m);
            }
            case "thinking" -> {
                OutputItems.Reasoning r = add(at -> new OutputItems.Reasoning(Envelope.reasoningId(suffix, at), at,
                        Optional.empty(), events));
                r.append(Nodes.text(block, "thinking"), events);
                Nodes.nonEmpty(block, "signature").ifPresent(r::sign);
                blocks.put(index, r);
            }
            case "redacted_thinking" -> blocks.put(index, add(at -> new OutputItems.Reasoning(
                    Envelope.reasoningId(suffix, at), at, Optional.of(Nodes.text(block, "data")), events)));
            case "tool_use" -> blocks.put(index, add(at -> new OutputItems.Call(Nodes.text(block, "id"),
                    Nodes.text(block, "name"), at, events)));
            default -> { } // server tools and their results run at Anthropic
        }
    }

    private OutputItems.Message newMessage() {
        OutputItems.Message m = add(at -> new OutputItems.Message(Envelope.messageId(suffix, at), at, events));
        message = Optional.of(m);
        return m;
    }

    /**
     * A new item, at the next output index; whatever item is still open is closed first, as
     * Responses streams one item after another.
     */
    private <T extends OutputItems.Item> T add(IntFunction<T> at) {
        items.stream().filter(i -> !i.closed).forEach(i -> i.close(events, "completed"));
        T item = at.apply(items.size());
        items.add(item);
        return item;
    }

    private void blockDelta(int index, JsonNode delta) {
        OutputItems.Item item = blocks.get(index);
        switch (item) {
            case OutputItems.Message m when Nodes.text(delta, "type").equals("text_delta") ->
                    m.append(Nodes.text(delta, "text"), events);
            case OutputItems.Reasoning r when Nodes.text(delta, "type").equals("thinking_delta") ->
                    r.append(Nodes.text(delta, "thinking"), events);
            case OutputItems.Reasoning r when Nodes.text(delta, "type").equals("signature_delta") ->
                    r.sign(Nodes.text(delta, "signature"));
            case OutputItems.Call c when Nodes.text(delta, "type").equals("input_json_delta") ->
                    c.append(Nodes.text(delta, "partial_json"), events);
            case null, default -> { } // citations_delta, deltas of dropped blocks, unknown deltas
        }
    }

    private void blockStop(int index) {
        OutputItems.Item item = blocks.remove(index);
        if (item instanceof OutputItems.Message m) {
            m.closePart(events); // the message stays open for the text block that may follow
        } else if (item != null && !item.closed) {
            item.close(events, "completed");
        }
    }

    private void complete() {
        if (done || envelope.isEmpty()) {
            done = true;
            return;
        }
        done = true;
        Outcome outcome = Outcome.fromClaude(stopReason.orElse("end_turn"));
        items.stream().filter(i -> !i.closed).forEach(i -> i.close(events, outcome.itemStatus()));
        ArrayNode output = Nodes.newArray();
        items.forEach(i -> output.add(i.whole(i.status)));
        ObjectNode response = Envelope.finish(envelope.get(), outcome, output, usage.toResponses());
        events.emit(events.event(outcome.incomplete() ? "response.incomplete" : "response.completed").set("response", response));
    }

    /** Claude's error event: {@code response.failed} with the upstream's error type and message. */
    private void fail(JsonNode error) {
        done = true;
        ObjectNode response = envelope.orElseGet(() -> Envelope.of(suffix, epochSeconds.getAsLong(), "", "failed"));
        response.put("status", "failed");
        JsonNode body = Errors.toOpenAi(error).path("error");
        response.putObject("error").put("code", Nodes.text(body, "type").equals("rate_limit_error") ? "rate_limit_exceeded" : "server_error")
                .put("message", Nodes.text(body, "message"));
        response.set("usage", usage.toResponses());
        events.emit(events.event("response.failed").set("response", response));
    }
}
