package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * OpenAI Responses events → Gemini {@code data:} chunks, each a partial
 * {@code GenerateContentResponse}. Text, refusal and reasoning summary deltas go out as they come
 * (summaries, and the raw reasoning text some upstreams stream, as thought parts). Function call
 * arguments are assembled, because Gemini sends each
 * {@code functionCall} whole: the call goes out when its arguments are done. A reasoning item's
 * {@code encrypted_content} goes out as an empty thought part carrying it as the signature when the
 * item is done. {@code response.completed} (or {@code .incomplete}) is the last chunk, with the
 * finish reason and the usage. The {@code modelVersion} named is the upstream's model;
 * {@link gproxy.translate.ClientEvents} renames it to the client's.
 */
final class ResponsesToGeminiStream implements StreamTranslator {
    /** A function call being assembled: its call id, name and argument fragments. */
    private static final class Call {
        private final String callId;
        private final String name;
        private final StringBuilder arguments = new StringBuilder();

        Call(String callId, String name) {
            this.callId = callId;
            this.name = name;
        }
    }

    private final Map<String, Call> calls = new HashMap<>();
    private final Set<String> sent = new HashSet<>();
    private String model = "";
    private Optional<String> responseId = Optional.empty();
    private boolean done;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        String data = upstreamEvent.dataText().strip();
        if (done || !data.startsWith("{")) {
            return List.of();
        }
        JsonNode event;
        try {
            event = Json.parse(data);
        } catch (GatewayException e) {
            return List.of(); // not an event: dropped, never a crash
        }
        String type = Nodes.text(event, "type").orElse(upstreamEvent.type());
        return switch (type) {
            case "response.created" -> start(event.path("response"));
            case "response.output_text.delta", "response.refusal.delta" -> delta(ResponsesToGeminiParts.text(Nodes.text(event, "delta").orElse("")));
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> delta(ResponsesToGeminiParts.thoughtText(Nodes.text(event, "delta").orElse("")));
            case "response.output_item.added" -> added(event.path("item"));
            case "response.function_call_arguments.delta" -> arguments(event);
            case "response.function_call_arguments.done" -> call(Nodes.text(event, "item_id").orElse(""), Nodes.text(event, "arguments"));
            case "response.output_item.done" -> itemDone(event.path("item"));
            case "response.completed", "response.incomplete" -> end(event.path("response"));
            case "response.failed", "error" -> fail();
            default -> List.of();
        };
    }

    @Override
    public List<SseEvent> finish() {
        done = true;
        return List.of(); // without response.completed the answer is cut; the relay reports that
    }

    private List<SseEvent> start(JsonNode response) {
        model = Nodes.text(response, "model").orElse("");
        responseId = Nodes.text(response, "id");
        return List.of();
    }

    private List<SseEvent> delta(ObjectNode part) {
        if (part.path("text").asText().isEmpty()) {
            return List.of();
        }
        return List.of(chunk(Json.MAPPER.createArrayNode().add(part), Optional.empty(), Optional.empty()));
    }

    private List<SseEvent> added(JsonNode item) {
        if (Nodes.text(item, "type").orElse("").equals("function_call")) {
            Call call = new Call(Nodes.text(item, "call_id").orElse(""), Nodes.text(item, "name").orElse(""));
            Nodes.text(item, "arguments").ifPresent(call.arguments::append);
            calls.putIfAbsent(Nodes.text(item, "id").orElse(""), call);
        }
        return List.of();
    }

    private List<SseEvent> arguments(JsonNode event) {
        Call call = calls.get(Nodes.text(event, "item_id").orElse(""));
        if (call != null) {
            call.arguments.append(Nodes.text(event, "delta").orElse(""));
        }
        return List.of();
    }

    /** A whole call, once: {@code arguments} (when given) are the whole text and win over the fragments. */
    private List<SseEvent> call(String itemId, Optional<String> arguments) {
        Call call = calls.get(itemId);
        if (call == null || !sent.add(itemId)) {
            return List.of();
        }
        String whole = arguments.orElse(call.arguments.toString());
        ArrayNode parts = Json.MAPPER.createArrayNode().add(ResponsesToGeminiParts.functionCall(call.callId, call.name, whole));
        return List.of(chunk(parts, Optional.empty(), Optional.empty()));
    }

    private List<SseEvent> itemDone(JsonNode item) {
        String type = Nodes.text(item, "type").orElse("");
        if (type.equals("function_call")) {
            added(item); // a call announced only now still goes out
            return call(Nodes.text(item, "id").orElse(""), Nodes.text(item, "arguments"));
        }
        if (type.equals("reasoning") && Nodes.has(item, "encrypted_content")) {
            ObjectNode signed = ResponsesToGeminiParts.thoughtText("");
            signed.put("thoughtSignature", Signatures.thoughtSignature(item.get("encrypted_content").asText()));
            return List.of(chunk(Json.MAPPER.createArrayNode().add(signed), Optional.empty(), Optional.empty()));
        }
        return List.of();
    }

    private List<SseEvent> end(JsonNode response) {
        done = true;
        Optional<TokenUsage> usage = response.path("usage").isObject()
                ? Optional.of(TokenUsage.fromResponses(response.get("usage"))) : Optional.empty();
        ArrayNode parts = Json.MAPPER.createArrayNode().add(ResponsesToGeminiParts.text(""));
        return List.of(chunk(parts, Optional.of(Outcome.toGemini(response)), usage));
    }

    private List<SseEvent> fail() {
        done = true;
        ObjectNode body = Json.object();
        body.putObject("error").put("code", 502).put("message", "upstream reported an error mid-stream").put("status", "UNAVAILABLE");
        return List.of(SseEvent.data(Json.text(body)));
    }

    private SseEvent chunk(ArrayNode parts, Optional<String> finishReason, Optional<TokenUsage> usage) {
        ObjectNode response = Json.object();
        response.putArray("candidates").add(ResponsesToGeminiParts.candidate(parts, finishReason));
        usage.ifPresent(u -> response.set("usageMetadata", u.toGemini()));
        response.put("modelVersion", model);
        responseId.ifPresent(id -> response.put("responseId", id));
        return SseEvent.data(Json.text(response));
    }
}
