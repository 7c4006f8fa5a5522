package gproxy.translate.responsesclaude;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * OpenAI Responses events → a Claude stream. {@code response.created} gives {@code message_start};
 * each content part of a message item a text block, each reasoning item a thinking block (summary
 * deltas as thinking deltas, the item carried in a {@code signature_delta} when it is done), each
 * function call item a {@code tool_use} block whose arguments stream as {@code input_json_delta}.
 * Responses reports usage only at the end, so {@code message_start} says 0 and the final
 * {@code message_delta} carries the whole usage, input and cache counts included, as Claude's
 * cumulative {@code message_delta} usage allows. Keepalive comments become {@code ping}s; built-in
 * tool items and unknown events are dropped. A stream cut before {@code response.completed} is left
 * open, so the relay's error event tells the client instead of a made-up clean end.
 */
final class ResponsesToClaudeStream implements StreamTranslator {
    private final ClaudeBlocks blocks = new ClaudeBlocks();
    /** Responses item id (with content index, for message parts) → its Claude block index. */
    private final Map<String, Integer> open = new HashMap<>();
    private final Set<String> argumentsStreamed = new HashSet<>();
    private final Map<String, Integer> summaryParts = new HashMap<>();
    private boolean started;
    private boolean ended;
    private boolean calls;
    private boolean refused;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        List<SseEvent> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        if (!upstreamEvent.dispatchable()) {
            if (started) {
                out.add(ClaudeBlocks.event(Json.object().put("type", "ping"))); // keepalive stays a keepalive
            }
            return out;
        }
        var data = Nodes.parse(upstreamEvent.dataText()).filter(JsonNode::isObject);
        if (data.isEmpty()) {
            return out;
        }
        JsonNode event = data.get();
        String type = Nodes.nonEmpty(event, "type").orElse(upstreamEvent.type());
        if (!type.equals("error") && !type.equals("response.failed")) {
            start(event.path("response"), out);
        }
        String item = Nodes.text(event, "item_id");
        switch (type) {
            case "response.output_item.added" -> added(event.path("item"), out);
            case "response.content_part.added" -> text(item, event.path("content_index").asInt(), out);
            case "response.output_text.delta", "response.refusal.delta" -> {
                refused |= type.equals("response.refusal.delta");
                Nodes.nonEmpty(event, "delta").ifPresent(d -> blocks.delta(text(item, event.path("content_index").asInt(), out),
                        Json.object().put("type", "text_delta").put("text", d), out));
            }
            case "response.content_part.done" -> stop(item + "#" + event.path("content_index").asInt(), out);
            case "response.reasoning_summary_part.added" -> summaryPart(item, event.path("summary_index").asInt(), out);
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> Nodes.nonEmpty(event, "delta")
                    .ifPresent(d -> blocks.delta(thinking(item, out), Json.object().put("type", "thinking_delta").put("thinking", d), out));
            case "response.function_call_arguments.delta" -> arguments(item, Nodes.text(event, "delta"), out);
            case "response.function_call_arguments.done" -> {
                if (!argumentsStreamed.contains(item)) {
                    arguments(item, Nodes.text(event, "arguments"), out);
                }
            }
            case "response.output_item.done" -> done(event.path("item"), out);
            case "response.completed", "response.incomplete" -> end(event.path("response"), out);
            case "response.failed", "error" -> fail(event, out);
            default -> { } // response.in_progress, annotations, built-in tool progress, unknown events
        }
        return out;
    }

    @Override
    public List<SseEvent> finish() {
        ended = true;
        return List.of(); // without response.completed the answer is cut; the relay reports that
    }

    private void start(JsonNode response, List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.object();
        message.put("id", "msg_" + Nodes.nonEmpty(response, "id").map(id -> id.startsWith("resp_") ? id.substring(5) : id)
                .orElse("gproxy"));
        message.put("type", "message").put("role", "assistant");
        message.putArray("content");
        // the upstream's model; ClientEvents names the client's
        message.put("model", Nodes.text(response, "model"));
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", Tokens.ZERO.toClaude());
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        out.add(ClaudeBlocks.event(event));
    }

    private void added(JsonNode item, List<SseEvent> out) {
        if (!Nodes.text(item, "type").equals("function_call")) {
            return; // reasoning and text blocks start with their first content
        }
        calls = true;
        ObjectNode block = Json.object().put("type", "tool_use")
                .put("id", ResponsesInputToClaude.toolId(Nodes.nonEmpty(item, "call_id").orElse(Nodes.text(item, "id"))))
                .put("name", Nodes.text(item, "name"));
        block.putObject("input");
        open.put(Nodes.text(item, "id"), blocks.start(block, out));
    }

    private int text(String item, int contentIndex, List<SseEvent> out) {
        return open.computeIfAbsent(item + "#" + contentIndex,
                k -> blocks.start(Json.object().put("type", "text").put("text", ""), out));
    }

    private int thinking(String item, List<SseEvent> out) {
        return open.computeIfAbsent(item,
                k -> blocks.start(Json.object().put("type", "thinking").put("thinking", "").put("signature", ""), out));
    }

    /** A second summary part of one reasoning item continues its thinking block after a blank line. */
    private void summaryPart(String item, int index, List<SseEvent> out) {
        Integer previous = summaryParts.put(item, index);
        if (previous != null && previous != index) {
            blocks.delta(thinking(item, out), Json.object().put("type", "thinking_delta").put("thinking", "\n\n"), out);
        }
    }

    private void arguments(String item, String fragment, List<SseEvent> out) {
        Integer index = open.get(item);
        if (index == null || fragment.isEmpty()) {
            return;
        }
        argumentsStreamed.add(item);
        blocks.delta(index, Json.object().put("type", "input_json_delta").put("partial_json", fragment), out);
    }

    private void done(JsonNode item, List<SseEvent> out) {
        String id = Nodes.text(item, "id");
        switch (Nodes.text(item, "type")) {
            case "reasoning" -> {
                String signature = ReasoningCarry.signatureFor(id, Nodes.text(item, "encrypted_content"));
                if (!signature.isEmpty()) {
                    blocks.delta(thinking(id, out), Json.object().put("type", "signature_delta").put("signature", signature), out);
                }
                stop(id, out);
            }
            case "function_call" -> {
                if (!argumentsStreamed.contains(id)) {
                    arguments(id, Nodes.text(item, "arguments"), out);
                }
                stop(id, out);
            }
            default -> { } // a message's parts stopped at content_part.done
        }
    }

    private void stop(String key, List<SseEvent> out) {
        Integer index = open.get(key);
        if (index != null) {
            blocks.stop(index, out);
        }
    }

    private void end(JsonNode response, List<SseEvent> out) {
        blocks.stop(out);
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", Outcome.toClaude(response, calls, refused)).putNull("stop_sequence");
        delta.set("usage", Tokens.fromResponses(response.path("usage")).toClaude());
        out.add(ClaudeBlocks.event(delta));
        out.add(ClaudeBlocks.event(Json.object().put("type", "message_stop")));
        ended = true;
    }

    private void fail(JsonNode event, List<SseEvent> out) {
        JsonNode error = event.path("response").path("error").isObject() ? event.path("response") : event;
        out.add(ClaudeBlocks.event(Errors.toClaude(error)));
        ended = true;
    }
}
