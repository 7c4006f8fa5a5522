package gproxy.translate.claudegemini;

import gproxy.translate.gemini.StrictJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * A Claude stream → Gemini {@code data:} chunks, each a partial {@code GenerateContentResponse}
 * (the relay frames them as a JSON array when the client did not ask for {@code alt=sse}). Text and
 * thinking go out as they come, a thinking signature as an empty signed thought part. Tool arguments
 * are assembled and each call goes out whole when its block stops, because Gemini sends each
 * {@code functionCall} whole. The structured-output tool's input streams as text. The last chunk,
 * at {@code message_stop}, carries {@code finishReason} and {@code usageMetadata}, which Gemini
 * clients read there. The {@code modelVersion} is the upstream's model;
 * {@link gproxy.translate.ClientEvents} renames it to the client's.
 */
final class ClaudeToGeminiStream implements StreamTranslator {
    private enum Kind { TEXT, THINKING, TOOL, ANSWER, OTHER }

    /** A tool block being assembled. */
    private record Call(String id, String name, StringBuilder arguments) {
    }

    private final Map<Integer, Kind> blocks = new HashMap<>();
    private final Map<Integer, Call> calls = new HashMap<>();
    private String id = "";
    private String model = "";
    private Tokens usage = Tokens.ZERO;
    private Optional<String> stopReason = Optional.empty();
    private boolean ended;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        List<SseEvent> out = new ArrayList<>();
        Optional<JsonNode> data = Nodes.parse(upstreamEvent.dataText()).filter(JsonNode::isObject);
        if (ended || data.isEmpty()) {
            return out;
        }
        JsonNode event = data.get();
        int index = event.path("index").asInt();
        switch (Nodes.nonEmpty(event, "type").orElse(upstreamEvent.type())) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = Nodes.text(message, "id").orElse("");
                model = Nodes.text(message, "model").orElse("");
                usage = usage.plusClaude(message.path("usage"));
            }
            case "content_block_start" -> blockStart(index, event.path("content_block"), out);
            case "content_block_delta" -> blockDelta(index, event.path("delta"), out);
            case "content_block_stop" -> blockStop(index, out);
            case "message_delta" -> {
                usage = usage.plusClaude(event.path("usage"));
                stopReason = Nodes.nonEmpty(event.path("delta"), "stop_reason").or(() -> stopReason);
            }
            case "message_stop" -> end(out);
            case "error" -> {
                out.add(SseEvent.data(Json.text(ClaudeErrors.toGemini(event, false))));
                ended = true;
            }
            default -> { } // ping and unknown events: nothing to say in Gemini's terms
        }
        return out;
    }

    /** Ends like message_stop when the upstream stopped after its message_delta; a cut stream stays cut. */
    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (!ended && stopReason.isPresent()) {
            end(out);
        }
        return out;
    }

    private void blockStart(int index, JsonNode block, List<SseEvent> out) {
        switch (Nodes.text(block, "type").orElse("")) {
            case "text" -> {
                blocks.put(index, Kind.TEXT);
                Nodes.nonEmpty(block, "text").ifPresent(t -> out.add(chunk(Media.text(t))));
            }
            case "thinking" -> {
                blocks.put(index, Kind.THINKING);
                Nodes.nonEmpty(block, "thinking").ifPresent(t -> out.add(chunk(ClaudeBlocksToGemini.thought(t, ""))));
            }
            case "redacted_thinking" -> {
                blocks.put(index, Kind.OTHER);
                ClaudeBlocksToGemini.part(block).ifPresent(p -> out.add(chunk(p)));
            }
            case "tool_use" -> {
                blocks.put(index, StructuredOutput.isAnswer(block) ? Kind.ANSWER : Kind.TOOL);
                calls.put(index, new Call(Nodes.text(block, "id").orElse(""), Nodes.text(block, "name").orElse(""),
                        new StringBuilder()));
            }
            default -> blocks.put(index, Kind.OTHER); // server tools and their results
        }
    }

    private void blockDelta(int index, JsonNode delta, List<SseEvent> out) {
        Kind kind = blocks.getOrDefault(index, Kind.OTHER);
        switch (Nodes.text(delta, "type").orElse("")) {
            case "text_delta" -> Nodes.nonEmpty(delta, "text").ifPresent(t -> out.add(chunk(Media.text(t))));
            case "thinking_delta" -> Nodes.nonEmpty(delta, "thinking")
                    .ifPresent(t -> out.add(chunk(ClaudeBlocksToGemini.thought(t, ""))));
            case "signature_delta" -> Nodes.nonEmpty(delta, "signature")
                    .ifPresent(s -> out.add(chunk(ClaudeBlocksToGemini.thought("", s))));
            case "input_json_delta" -> Nodes.nonEmpty(delta, "partial_json").ifPresent(json -> {
                if (kind == Kind.ANSWER) {
                    out.add(chunk(Media.text(json)));
                } else if (kind == Kind.TOOL) {
                    calls.get(index).arguments().append(json);
                }
            });
            default -> { } // citations_delta and unknown deltas
        }
    }

    private void blockStop(int index, List<SseEvent> out) {
        Call call = calls.remove(index);
        if (call == null || blocks.get(index) != Kind.TOOL) {
            return;
        }
        JsonNode args = StrictJson.parse(call.arguments().toString()).filter(JsonNode::isObject).orElseGet(Json::object);
        out.add(chunk(ClaudeBlocksToGemini.functionCall(call.id(), call.name(), args)));
    }

    private void end(List<SseEvent> out) {
        ObjectNode candidate = ClaudeBlocksToGemini.candidate(Nodes.array());
        candidate.put("finishReason", StopReasons.toGemini(stopReason.orElse("end_turn")));
        out.add(response(candidate, true));
        ended = true;
    }

    private SseEvent chunk(ObjectNode part) {
        ArrayNode parts = Nodes.array();
        parts.add(part);
        return response(ClaudeBlocksToGemini.candidate(parts), false);
    }

    private SseEvent response(ObjectNode candidate, boolean last) {
        ObjectNode response = Json.object();
        response.putArray("candidates").add(candidate);
        if (last) {
            response.set("usageMetadata", usage.toGemini());
        }
        response.put("modelVersion", model);
        if (!id.isEmpty()) {
            response.put("responseId", id);
        }
        return SseEvent.data(Json.text(response));
    }
}
