package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * Gemini stream chunks (each a partial {@code GenerateContentResponse}) → Responses events:
 * {@code response.created} and {@code response.in_progress} at the first chunk, then an output item
 * per run of thoughts (reasoning, its summary streamed), per run of text (a message, its text
 * streamed) and per function call (Gemini sends each call whole: one arguments delta), and
 * {@code response.completed} or {@code response.incomplete} with the whole output and the last
 * {@code usageMetadata} (Gemini repeats it cumulatively) when the upstream ends. Gemini has no
 * end-of-stream marker: a stream that ends before any finish reason is cut and gets no completion.
 * Only the first candidate is carried: a Responses answer has one. The model named is Gemini's
 * {@code modelVersion}; {@link gproxy.translate.ClientEvents} renames it to the client's.
 *
 * <p>A signature on a thought part becomes its reasoning item's {@code encrypted_content}; one on a
 * text part closes the message and follows it as a reasoning item with no summary; one on a function
 * call rides in the call id ({@link CallIds}).
 */
final class GeminiToResponsesStream implements StreamTranslator {
    private final Clock clock;
    private final ResponsesEvents events = new ResponsesEvents();
    private final List<StreamedItems.Item> items = new ArrayList<>();
    private Optional<StreamedItems.Item> current = Optional.empty();
    private Optional<ObjectNode> envelope = Optional.empty();
    private String key = "";
    private int calls;
    private Optional<String> textSignature = Optional.empty();
    private Optional<String> finishReason = Optional.empty();
    private Optional<TokenUsage> usage = Optional.empty();
    private boolean blocked;
    private boolean done;

    GeminiToResponsesStream(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        String data = upstreamEvent.dataText().strip();
        if (done || !data.startsWith("{")) {
            return List.of();
        }
        JsonNode chunk;
        try {
            chunk = Json.parse(data);
        } catch (GatewayException e) {
            return List.of(); // not a chunk: dropped, never a crash
        }
        if (chunk.has("error")) {
            fail();
        } else {
            chunk(chunk, data);
        }
        return events.drain();
    }

    @Override
    public List<SseEvent> finish() {
        if (!done && (finishReason.isPresent() || blocked)) {
            complete();
        }
        done = true; // else cut before a finish reason: no completion, so the client sees a broken stream
        return events.drain();
    }

    /**
     * The finished response after a buffered answer was fed as one chunk: what the stream's last
     * event would carry, so a whole answer and a streamed one have the same items and ids. A whole
     * answer without a finish reason ended normally.
     */
    ObjectNode whole() {
        if (!done) {
            finishReason = finishReason.or(() -> blocked ? Optional.empty() : Optional.of("STOP"));
            complete();
        }
        return envelope.orElseGet(() -> Envelope.of(key, clock.instant().getEpochSecond(), "", "completed"));
    }

    private void chunk(JsonNode chunk, String data) {
        start(chunk, data);
        if (chunk.path("usageMetadata").isObject()) {
            usage = Optional.of(TokenUsage.fromGemini(chunk.get("usageMetadata")));
        }
        blocked |= Nodes.has(chunk.path("promptFeedback"), "blockReason");
        for (JsonNode candidate : Nodes.elements(chunk, "candidates")) {
            if (candidate.path("index").asInt(0) == 0) {
                Nodes.elements(candidate.path("content"), "parts").forEach(this::part);
                Nodes.text(candidate, "finishReason").ifPresent(r -> finishReason = Optional.of(r));
            }
        }
    }

    private void start(JsonNode chunk, String data) {
        if (envelope.isPresent()) {
            return;
        }
        key = Nodes.text(chunk, "responseId").orElseGet(() -> CallIds.hash(data));
        ObjectNode response = Envelope.of(key, clock.instant().getEpochSecond(), Nodes.text(chunk, "modelVersion").orElse(""), "in_progress");
        envelope = Optional.of(response);
        events.emit(events.event("response.created").set("response", response.deepCopy()));
        events.emit(events.event("response.in_progress").set("response", response.deepCopy()));
    }

    private void part(JsonNode part) {
        Optional<String> signature = Nodes.text(part, "thoughtSignature");
        JsonNode call = part.path("functionCall");
        if (call.isObject()) {
            call(call, signature);
            return;
        }
        Optional<String> text = Nodes.text(part, "text");
        if (part.path("thought").asBoolean(false)) {
            StreamedItems.Reasoning reasoning = reasoning();
            text.filter(t -> !t.isEmpty()).ifPresent(t -> reasoning.append(t, events));
            signature.ifPresent(reasoning::sign);
            return;
        }
        text.filter(t -> !t.isEmpty()).ifPresent(t -> message().append(t, events));
        signature.ifPresent(s -> textSignature = Optional.of(s)); // it follows its message, once that closes
        // code execution, inline output media and unknown parts: no Responses item of ours carries them
    }

    private void call(JsonNode call, Optional<String> signature) {
        closeCurrent();
        String name = Nodes.text(call, "name").orElse("");
        String arguments = Json.text(call.path("args").isObject() ? call.get("args") : Json.object());
        String seed = key + "/" + calls++ + "/" + name + "/" + arguments;
        String callId = CallIds.issue(Nodes.text(call, "id"), signature, seed);
        StreamedItems.Call item = add(new StreamedItems.Call("fc_" + CallIds.hash(callId), callId, name, arguments, items.size(), events));
        item.close(events, "completed");
    }

    private StreamedItems.Reasoning reasoning() {
        if (current.orElse(null) instanceof StreamedItems.Reasoning r) {
            return r;
        }
        closeCurrent();
        StreamedItems.Reasoning r = add(new StreamedItems.Reasoning(id("rs_"), items.size(), events));
        current = Optional.of(r);
        return r;
    }

    private StreamedItems.Message message() {
        if (current.orElse(null) instanceof StreamedItems.Message m) {
            return m;
        }
        closeCurrent();
        StreamedItems.Message m = add(new StreamedItems.Message(id("msg_"), items.size(), events));
        current = Optional.of(m);
        return m;
    }

    /** The first item of a kind is {@code <prefix><key>}; a later one adds its output index. */
    private String id(String prefix) {
        boolean seen = items.stream().anyMatch(i -> i.id.startsWith(prefix));
        return prefix + key + (seen ? "_" + items.size() : "");
    }

    private <T extends StreamedItems.Item> T add(T item) {
        items.add(item);
        return item;
    }

    private void closeCurrent() {
        closeCurrent("completed");
    }

    /** Closes the open item, then puts a text part's signature in a reasoning item of its own after it. */
    private void closeCurrent(String status) {
        current.filter(i -> !i.closed).ifPresent(i -> i.close(events, status));
        current = Optional.empty();
        textSignature.ifPresent(s -> {
            StreamedItems.Reasoning signed = add(new StreamedItems.Reasoning(id("rs_"), items.size(), events));
            signed.sign(s);
            signed.close(events, status);
        });
        textSignature = Optional.empty();
    }

    private void complete() {
        done = true;
        Outcome outcome = finishReason.map(Outcome::fromGemini).orElse(Outcome.FILTERED); // no finish: a blocked prompt
        String itemStatus = outcome.incomplete() ? "incomplete" : "completed";
        closeCurrent(itemStatus);
        items.stream().filter(i -> !i.closed).forEach(i -> i.close(events, itemStatus));
        ArrayNode output = Json.MAPPER.createArrayNode();
        items.forEach(i -> output.add(i.whole(i instanceof StreamedItems.Call ? "completed" : itemStatus)));
        JsonNode u = usage.<JsonNode>map(TokenUsage::toResponses).orElse(Json.MAPPER.nullNode());
        ObjectNode response = Envelope.finish(envelope.orElseThrow(), outcome, output, u);
        events.emit(events.event(outcome.incomplete() ? "response.incomplete" : "response.completed").set("response", response));
    }

    private void fail() {
        done = true;
        ObjectNode response = envelope.orElseGet(() -> Envelope.of("failed", clock.instant().getEpochSecond(), "", "failed"));
        response.put("status", "failed");
        response.putObject("error").put("code", "server_error").put("message", "upstream reported an error mid-stream");
        events.emit(events.event("response.failed").set("response", response));
    }
}
