package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * An OpenAI Chat chunk stream → OpenAI Responses events: {@code response.created} and
 * {@code response.in_progress} at the first chunk, an output item per run of reasoning, of text and
 * per tool call, and {@code response.completed} (or {@code response.incomplete}) with the whole
 * output and the upstream's usage once the usage chunk (or {@code [DONE]}) arrives. Only the first
 * choice is carried: a Responses answer has one. The {@code model} named is the upstream's.
 */
final class OpenAiChatToResponsesStream implements StreamTranslator {
    private final ResponsesEvents events = new ResponsesEvents();
    private final List<StreamedItems.Item> items = new ArrayList<>();
    private final TreeMap<Integer, StreamedItems.Call> calls = new TreeMap<>();
    private Optional<ObjectNode> envelope = Optional.empty();
    private Optional<StreamedItems.Item> current = Optional.empty();
    private String suffix = "";
    private Optional<String> finishReason = Optional.empty();
    private Optional<JsonNode> usage = Optional.empty();
    private boolean done;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        String data = upstreamEvent.dataText().strip();
        if (done || data.isEmpty()) {
            return List.of();
        }
        if (data.equals("[DONE]")) {
            complete();
            return events.drain();
        }
        JsonNode chunk;
        try {
            chunk = Json.parse(data);
        } catch (GatewayException e) {
            return List.of();
        }
        if (chunk.has("error")) {
            fail();
        } else {
            chunk(chunk);
        }
        return events.drain();
    }

    @Override
    public List<SseEvent> finish() {
        if (!done && finishReason.isPresent()) {
            complete(); // an upstream that ends without [DONE] but said how it finished
        }
        done = true;
        return events.drain();
    }

    private void chunk(JsonNode chunk) {
        start(chunk);
        if (chunk.path("usage").isObject()) {
            usage = Optional.of(chunk.get("usage"));
        }
        for (JsonNode choice : Nodes.elements(chunk, "choices")) {
            if (choice.path("index").asInt(0) == 0) {
                delta(choice.path("delta"));
                Nodes.text(choice, "finish_reason").ifPresent(r -> finishReason = Optional.of(r));
            }
        }
        if (usage.isPresent() && finishReason.isPresent()) {
            complete();
        }
    }

    private void start(JsonNode chunk) {
        if (envelope.isPresent()) {
            return;
        }
        suffix = ResponseEnvelope.suffix(Nodes.text(chunk, "id").orElse("chat"));
        ObjectNode response = ResponseEnvelope.of(suffix, chunk.path("created").asLong(0), Nodes.text(chunk, "model").orElse(""), "in_progress");
        envelope = Optional.of(response);
        events.emit(events.event("response.created").set("response", response.deepCopy()));
        events.emit(events.event("response.in_progress").set("response", response.deepCopy()));
    }

    private void delta(JsonNode delta) {
        Nodes.text(delta, "reasoning_content").or(() -> Nodes.text(delta, "reasoning")).filter(t -> !t.isEmpty())
                .ifPresent(t -> reasoning().append(t, events));
        Nodes.text(delta, "content").filter(t -> !t.isEmpty()).ifPresent(t -> message().append("output_text", t, events));
        Nodes.text(delta, "refusal").filter(t -> !t.isEmpty()).ifPresent(t -> message().append("refusal", t, events));
        for (JsonNode fragment : Nodes.elements(delta, "tool_calls")) {
            int index = fragment.path("index").asInt(calls.size());
            StreamedItems.Call call = calls.computeIfAbsent(index, i -> {
                closeCurrent();
                String callId = Nodes.text(fragment, "id").orElse("call_" + suffix + "_" + i);
                return add(new StreamedItems.Call(callId, Nodes.text(fragment.path("function"), "name").orElse(""), items.size(), events));
            });
            Nodes.text(fragment.path("function"), "arguments").filter(a -> !a.isEmpty()).ifPresent(a -> call.append(a, events));
        }
    }

    private StreamedItems.Reasoning reasoning() {
        if (current.orElse(null) instanceof StreamedItems.Reasoning r) {
            return r;
        }
        closeCurrent();
        StreamedItems.Reasoning r = add(new StreamedItems.Reasoning("rs_" + suffix + suffixOf(StreamedItems.Reasoning.class), items.size(), events));
        current = Optional.of(r);
        return r;
    }

    private StreamedItems.Message message() {
        if (current.orElse(null) instanceof StreamedItems.Message m) {
            return m;
        }
        closeCurrent();
        StreamedItems.Message m = add(new StreamedItems.Message("msg_" + suffix + suffixOf(StreamedItems.Message.class), items.size(), events));
        current = Optional.of(m);
        return m;
    }

    /** The first item of a kind has the non-streamed answer's id; a later one adds its output index. */
    private String suffixOf(Class<? extends StreamedItems.Item> kind) {
        return items.stream().anyMatch(kind::isInstance) ? "_" + items.size() : "";
    }

    private <T extends StreamedItems.Item> T add(T item) {
        items.add(item);
        return item;
    }

    private void closeCurrent() {
        current.filter(i -> !i.closed).ifPresent(i -> i.close(events, "completed"));
        current = Optional.empty();
    }

    private void complete() {
        if (done || envelope.isEmpty()) {
            done = true;
            return;
        }
        done = true;
        Outcome outcome = Outcome.fromChat(finishReason.orElse("stop"));
        String itemStatus = outcome.incomplete() ? "incomplete" : "completed";
        items.stream().filter(i -> !i.closed).forEach(i -> i.close(events, itemStatus));
        ArrayNode output = Json.MAPPER.createArrayNode();
        items.forEach(i -> output.add(i.whole(i instanceof StreamedItems.Call ? "completed" : itemStatus)));
        JsonNode u = usage.<JsonNode>map(ResponsesUsage::toResponses).orElse(Json.MAPPER.nullNode());
        ObjectNode response = ResponseEnvelope.finish(envelope.get(), outcome, output, u);
        events.emit(events.event(outcome.incomplete() ? "response.incomplete" : "response.completed").set("response", response));
    }

    private void fail() {
        done = true;
        ObjectNode response = envelope.orElseGet(() -> ResponseEnvelope.of("failed", 0, "", "failed"));
        response.put("status", "failed");
        response.putObject("error").put("code", "server_error").put("message", "upstream reported an error mid-stream");
        events.emit(events.event("response.failed").set("response", response));
    }
}
