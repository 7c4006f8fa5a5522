package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * A Claude stream as an OpenAI Chat stream: a first chunk with the role, then content,
 * {@code reasoning_content}/{@code reasoning_details} and {@code tool_calls} deltas (tool calls
 * numbered by OpenAI's own index, 0, 1, … over tool blocks only), a chunk with the
 * {@code finish_reason} at {@code message_delta}, and at {@code message_stop} the usage chunk and
 * {@code [DONE]}. Usage is Claude's, cumulated over {@code message_start} and {@code message_delta}.
 * The usage chunk is always sent here; {@link gproxy.translate.ClientEvents} drops it for a client
 * that did not ask for it, and names the client's model.
 */
final class ClaudeToOpenAiChatStream implements StreamTranslator {
    private enum Block { TEXT, THINKING, TOOL, ANSWER, OTHER }

    private final LongSupplier epochSeconds;
    private OpenAiChunks chunks = new OpenAiChunks("chatcmpl-gproxy", 0, "");
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final Map<Integer, Integer> reasoningIndexes = new HashMap<>();
    private Tokens usage = Tokens.ZERO;
    private Optional<String> finishReason = Optional.empty();
    private boolean ended;

    ClaudeToOpenAiChatStream(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        List<SseEvent> out = new ArrayList<>();
        Optional<JsonNode> data = Nodes.parse(upstreamEvent.dataText()).filter(JsonNode::isObject);
        if (ended || data.isEmpty()) {
            return out;
        }
        JsonNode event = data.get();
        switch (Nodes.nonEmpty(event, "type").orElse(upstreamEvent.type())) {
            case "message_start" -> start(event.path("message"), out);
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"), out);
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"), out);
            case "message_delta" -> {
                usage = usage.plusClaude(event.path("usage"));
                String stop = Nodes.text(event.path("delta"), "stop_reason");
                String reason = StopReasons.toOpenAi(stop, !toolIndexes.isEmpty());
                finishReason = Optional.of(reason);
                out.add(chunks.finish(reason));
            }
            case "message_stop" -> end(out);
            case "ping" -> out.add(SseEvent.comment("ping"));
            case "error" -> {
                out.add(SseEvent.data(Json.text(ErrorBodies.toOpenAi(event))));
                ended = true;
            }
            default -> { } // content_block_stop and unknown events: nothing to say in OpenAI's terms
        }
        return out;
    }

    /** Ends like message_stop when the upstream stopped after its message_delta; a cut stream stays cut. */
    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (!ended && finishReason.isPresent()) {
            end(out);
        }
        return out;
    }

    private void start(JsonNode message, List<SseEvent> out) {
        chunks = new OpenAiChunks(Nodes.nonEmpty(message, "id").orElse("chatcmpl-gproxy"), epochSeconds.getAsLong(),
                Nodes.text(message, "model"));
        usage = Tokens.fromClaude(message.path("usage"));
        out.add(chunks.delta(Json.object().put("role", "assistant").put("content", "")));
    }

    private void blockStart(int index, JsonNode block, List<SseEvent> out) {
        switch (Nodes.text(block, "type")) {
            case "text" -> {
                blocks.put(index, Block.TEXT);
                Nodes.nonEmpty(block, "text").ifPresent(t -> out.add(chunks.delta(Json.object().put("content", t))));
            }
            case "thinking" -> {
                blocks.put(index, Block.THINKING);
                reasoningIndexes.put(index, reasoningIndexes.size());
                Nodes.nonEmpty(block, "thinking").ifPresent(t -> out.add(reasoning(index, "text", t)));
            }
            case "redacted_thinking" -> {
                blocks.put(index, Block.OTHER);
                ObjectNode delta = Json.object();
                ReasoningDetails.detail(block, reasoningIndexes.size())
                        .ifPresent(d -> delta.putArray("reasoning_details").add(d));
                reasoningIndexes.put(index, reasoningIndexes.size());
                out.add(chunks.delta(delta));
            }
            case "tool_use" -> {
                if (StructuredOutput.isAnswer(block)) {
                    blocks.put(index, Block.ANSWER);
                    return;
                }
                blocks.put(index, Block.TOOL);
                toolIndexes.put(index, toolIndexes.size());
                ObjectNode call = toolCall(index);
                call.put("id", Nodes.text(block, "id")).put("type", "function");
                call.putObject("function").put("name", Nodes.text(block, "name")).put("arguments", "");
                out.add(chunks.delta(toolDelta(call)));
            }
            default -> blocks.put(index, Block.OTHER); // server tools and their results
        }
    }

    private void blockDelta(int index, JsonNode delta, List<SseEvent> out) {
        Block block = blocks.getOrDefault(index, Block.OTHER);
        switch (Nodes.text(delta, "type")) {
            case "text_delta" -> Nodes.nonEmpty(delta, "text")
                    .ifPresent(t -> out.add(chunks.delta(Json.object().put("content", t))));
            case "thinking_delta" -> Nodes.nonEmpty(delta, "thinking")
                    .ifPresent(t -> out.add(reasoning(index, "text", t)));
            case "signature_delta" -> Nodes.nonEmpty(delta, "signature")
                    .ifPresent(s -> out.add(reasoning(index, "signature", s)));
            case "input_json_delta" -> Nodes.nonEmpty(delta, "partial_json").ifPresent(json -> {
                if (block == Block.ANSWER) {
                    out.add(chunks.delta(Json.object().put("content", json)));
                } else if (block == Block.TOOL) {
                    ObjectNode call = toolCall(index);
                    call.putObject("function").put("arguments", json);
                    out.add(chunks.delta(toolDelta(call)));
                }
            });
            default -> { } // citations_delta and unknown deltas
        }
    }

    /** Thinking text goes to both fields (displayed / replayable); a signature only to reasoning_details. */
    private SseEvent reasoning(int index, String field, String value) {
        ObjectNode delta = Json.object();
        if (field.equals("text")) {
            delta.put("reasoning_content", value);
        }
        ObjectNode detail = delta.putArray("reasoning_details").addObject().put("type", "reasoning.text");
        detail.put(field, value).put("format", ReasoningDetails.FORMAT)
                .put("index", reasoningIndexes.getOrDefault(index, 0));
        return chunks.delta(delta);
    }

    private ObjectNode toolCall(int blockIndex) {
        return Json.object().put("index", toolIndexes.get(blockIndex));
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private void end(List<SseEvent> out) {
        out.add(chunks.usage(usage));
        out.add(OpenAiChunks.DONE);
        ended = true;
    }
}
