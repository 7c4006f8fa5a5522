package gproxy.translate.claudegemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * Gemini stream chunks (each a partial {@code GenerateContentResponse}, SSE or JSON-array elements
 * alike) → a Claude stream: {@code message_start}, content blocks with increasing indexes, a
 * {@code message_delta} with the stop reason and the usage, {@code message_stop}. Only candidate 0
 * is read. Text and thoughts stream as deltas; each function call is one {@code tool_use} block with
 * its arguments in one {@code input_json_delta}, because Gemini sends calls whole. Gemini repeats
 * cumulative {@code usageMetadata} on every chunk and has no end-of-stream marker: the stream closes
 * when the upstream ends, with the last usage; {@code message_start} carries the first chunk's input
 * counts (clients read input there). A stream cut before a {@code finishReason} is left open, so the
 * relay's error tells the client. The model named is Gemini's {@code modelVersion};
 * {@link gproxy.translate.ClientEvents} renames it to the client's.
 */
final class GeminiToClaudeStream implements StreamTranslator {
    private final ClaudeStreamBlocks blocks = new ClaudeStreamBlocks();
    private String key = "";
    private int calls;
    private Tokens usage = Tokens.ZERO;
    private Optional<String> finishReason = Optional.empty();
    private boolean blocked;
    private boolean ended;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        List<SseEvent> out = new ArrayList<>();
        Optional<JsonNode> chunk = Nodes.parse(upstreamEvent.dataText().strip()).filter(JsonNode::isObject);
        if (ended || chunk.isEmpty()) {
            return out;
        }
        JsonNode data = chunk.get();
        if (data.has("error")) {
            ObjectNode error = ClaudeErrors.from(data.path("error"));
            ((ObjectNode) error.get("error")).put("message", ClaudeErrors.MID_STREAM);
            out.add(ClaudeStreamBlocks.event(error));
            ended = true;
            return out;
        }
        if (data.path("usageMetadata").isObject()) {
            usage = Tokens.fromGemini(data.get("usageMetadata"));
        }
        start(data, out);
        blocked |= Nodes.has(data.path("promptFeedback"), "blockReason");
        for (JsonNode candidate : Nodes.elements(data, "candidates")) {
            if (candidate.path("index").asInt(0) == 0) {
                candidate(candidate, out);
            }
        }
        return out;
    }

    private void candidate(JsonNode candidate, List<SseEvent> out) {
        for (JsonNode part : Nodes.elements(candidate.path("content"), "parts")) {
            switch (GeminiAnswerParts.of(part, key + "/0/" + calls)) {
                case GeminiAnswerParts.Text t -> {
                    if (!t.text().isEmpty()) {
                        blocks.text(t.text(), out);
                    }
                }
                case GeminiAnswerParts.Thought t -> {
                    blocks.thinking(t.text(), out);
                    t.signature().ifPresent(s -> blocks.signature(s, out));
                }
                case GeminiAnswerParts.Call c -> {
                    blocks.tool(c.id(), c.name(), c.arguments(), out);
                    calls++;
                }
                case GeminiAnswerParts.Other o -> { }
            }
        }
        Nodes.nonEmpty(candidate, "finishReason").ifPresent(r -> finishReason = Optional.of(r));
    }

    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (ended || key.isEmpty() || (finishReason.isEmpty() && !blocked)) {
            return out; // nothing began, or cut before the end: the relay reports the broken stream
        }
        ended = true;
        blocks.close(out);
        String stop = finishReason.isEmpty() ? "refusal" : StopReasons.toClaude(finishReason.get(), blocks.toolUsed());
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
        delta.set("usage", usage.toClaude());
        out.add(ClaudeStreamBlocks.event(delta));
        out.add(ClaudeStreamBlocks.event(Json.object().put("type", "message_stop")));
        return out;
    }

    private void start(JsonNode chunk, List<SseEvent> out) {
        if (!key.isEmpty()) {
            return;
        }
        key = ToolIds.responseKey(chunk, Json.text(chunk));
        ObjectNode message = Json.object();
        message.put("id", "msg_" + key);
        message.put("type", "message").put("role", "assistant");
        message.putArray("content");
        message.put("model", Nodes.text(chunk, "modelVersion").orElse(""));
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", new Tokens(usage.input(), usage.cacheRead(), 0, 0, 0).toClaude());
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        out.add(ClaudeStreamBlocks.event(event));
    }
}
