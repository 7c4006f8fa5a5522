package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * OpenAI Responses events → OpenAI Chat chunks ending with {@code [DONE]}. Text, refusal and
 * reasoning summary deltas become content, refusal and {@code reasoning_content} deltas; each
 * function call item becomes a tool call with its own {@code index}, its id and name in the first
 * fragment and its arguments streamed after. {@code response.completed} / {@code .incomplete}
 * gives the finish chunk, which also carries the usage ({@link gproxy.translate.ClientEvents}
 * removes it for a client that did not ask for {@code include_usage}).
 */
final class ResponsesToOpenAiChatStream implements StreamTranslator {
    private final Map<String, Integer> callIndexes = new HashMap<>();
    private final Set<String> argumentsStreamed = new HashSet<>();
    private final Map<String, Integer> summaryIndexes = new HashMap<>();
    private String id = "chatcmpl-responses";
    private String model = "";
    private long created;
    private boolean started;
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
            return List.of();
        }
        String type = Nodes.text(event, "type").orElse(upstreamEvent.type());
        return switch (type) {
            case "response.created" -> start(event.path("response"));
            case "response.output_text.delta" -> delta(Json.object().put("content", Nodes.text(event, "delta").orElse("")));
            case "response.refusal.delta" -> delta(Json.object().put("refusal", Nodes.text(event, "delta").orElse("")));
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> reasoning(event);
            case "response.output_item.added" -> added(event.path("item"));
            case "response.function_call_arguments.delta" -> arguments(event, Nodes.text(event, "delta").orElse(""));
            case "response.function_call_arguments.done" -> argumentsStreamed.contains(Nodes.text(event, "item_id").orElse(""))
                    ? List.of() : arguments(event, Nodes.text(event, "arguments").orElse(""));
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
        id = "chatcmpl-" + Nodes.text(response, "id").map(ResponsesToOpenAiChatResponse::suffix).orElse("responses");
        model = Nodes.text(response, "model").orElse("");
        created = response.path("created_at").asLong(0);
        return delta(Json.object().put("content", ""));
    }

    private List<SseEvent> reasoning(JsonNode event) {
        String item = Nodes.text(event, "item_id").orElse("");
        int index = event.path("summary_index").asInt(0);
        Integer previous = summaryIndexes.put(item, index);
        String text = Nodes.text(event, "delta").orElse("");
        boolean newPart = previous != null && previous != index;
        return delta(Json.object().put("reasoning_content", (newPart ? "\n\n" : "") + text));
    }

    private List<SseEvent> added(JsonNode item) {
        if (!Nodes.text(item, "type").orElse("").equals("function_call")) {
            return List.of();
        }
        int index = callIndexes.size();
        callIndexes.put(Nodes.text(item, "id").orElse(""), index);
        ObjectNode call = Json.object().put("index", index).put("id", Nodes.text(item, "call_id").orElse("")).put("type", "function");
        call.putObject("function").put("name", Nodes.text(item, "name").orElse("")).put("arguments", "");
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta(delta);
    }

    private List<SseEvent> arguments(JsonNode event, String fragment) {
        String item = Nodes.text(event, "item_id").orElse("");
        Integer index = callIndexes.get(item);
        if (index == null || fragment.isEmpty()) {
            return List.of();
        }
        argumentsStreamed.add(item);
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", fragment);
        return delta(delta);
    }

    private List<SseEvent> end(JsonNode response) {
        done = true;
        ObjectNode chunk = chunk(Json.object(), Optional.of(Outcome.toChat(response, !callIndexes.isEmpty())));
        if (response.path("usage").isObject()) {
            chunk.set("usage", ResponsesUsage.toChat(response.get("usage")));
        }
        return List.of(SseEvent.data(Json.text(chunk)), SseEvent.data("[DONE]"));
    }

    private List<SseEvent> fail() {
        done = true;
        ObjectNode error = Json.object();
        error.putObject("error").put("message", "upstream reported an error mid-stream").put("type", "server_error")
                .put("code", "upstream_error");
        return List.of(SseEvent.data(Json.text(error)));
    }

    private List<SseEvent> delta(ObjectNode delta) {
        if (!started) {
            delta.put("role", "assistant");
            started = true;
        }
        return List.of(SseEvent.data(Json.text(chunk(delta, Optional.empty()))));
    }

    private ObjectNode chunk(ObjectNode delta, Optional<String> finishReason) {
        ObjectNode chunk = Json.object().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason.isPresent()) {
            choice.put("finish_reason", finishReason.get());
        } else {
            choice.putNull("finish_reason");
        }
        return chunk;
    }
}
