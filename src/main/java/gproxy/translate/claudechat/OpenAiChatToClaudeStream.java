package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * An OpenAI Chat stream as a Claude stream. OpenAI reports usage last, in its own chunk after the
 * one with {@code finish_reason} (the request asked for it with {@code include_usage}), so
 * {@code message_start} says 0 input tokens and the final {@code message_delta} carries the full
 * usage, input and cache counts included, as Claude's cumulative {@code message_delta} usage allows.
 * The closing {@code message_delta} + {@code message_stop} therefore wait for {@code [DONE]} (or the
 * end of the upstream). A stream cut before its {@code finish_reason} is left open: the relay's
 * error event then tells the client, instead of a made-up clean end.
 */
final class OpenAiChatToClaudeStream implements StreamTranslator {
    private final ClaudeBlocks blocks = new ClaudeBlocks();
    private boolean started;
    private boolean ended;
    private boolean refused;
    private Optional<String> stopReason = Optional.empty();
    private Tokens usage = Tokens.ZERO;
    private int toolsSeen;
    private int lastTool;

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
        String data = upstreamEvent.dataText().strip();
        if (data.equals("[DONE]")) {
            end(out);
            return out;
        }
        Optional<JsonNode> chunk = Nodes.parse(data).filter(JsonNode::isObject);
        if (chunk.isEmpty()) {
            return out;
        }
        if (chunk.get().has("error")) {
            out.add(ClaudeBlocks.event(ErrorBodies.toClaude(chunk.get())));
            ended = true;
            return out;
        }
        start(chunk.get(), out);
        if (chunk.get().path("usage").isObject()) {
            usage = Tokens.fromOpenAi(chunk.get().path("usage"));
        }
        JsonNode choice = chunk.get().path("choices").path(0);
        if (choice.isObject()) {
            choice(choice, out);
        }
        return out;
    }

    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (!ended && stopReason.isPresent()) {
            end(out);
        }
        return out;
    }

    private void choice(JsonNode choice, List<SseEvent> out) {
        JsonNode delta = choice.path("delta");
        reasoning(delta, out);
        Nodes.nonEmpty(delta, "content").ifPresent(text -> blocks.text(text, out));
        Nodes.nonEmpty(delta, "refusal").ifPresent(text -> {
            refused = true;
            blocks.text(text, out);
        });
        Nodes.array(delta, "tool_calls").forEach(call -> toolCall(call, out));
        Nodes.nonEmpty(choice, "finish_reason").ifPresent(finish -> {
            stopReason = Optional.of(StopReasons.toClaude(refused ? "content_filter" : finish, blocks.toolUsed()));
            blocks.close(out);
        });
    }

    /** DeepSeek's reasoning_content, OpenRouter's reasoning, or the text of its reasoning_details: one of them. */
    private void reasoning(JsonNode delta, List<SseEvent> out) {
        List<JsonNode> details = Nodes.array(delta, "reasoning_details");
        String text = Nodes.nonEmpty(delta, "reasoning_content").orElse(Nodes.text(delta, "reasoning"));
        if (text.isEmpty()) {
            StringBuilder joined = new StringBuilder();
            details.forEach(d -> joined.append(Nodes.text(d, "text")));
            text = joined.toString();
        }
        if (!text.isEmpty()) {
            blocks.thinking(text, out);
        }
        for (JsonNode detail : details) {
            Nodes.nonEmpty(detail, "signature").ifPresent(s -> blocks.signature(s, out));
            if (Nodes.text(detail, "type").equals("reasoning.encrypted")) {
                Nodes.nonEmpty(detail, "data").ifPresent(d -> blocks.redacted(d, out));
            }
        }
    }

    private void toolCall(JsonNode call, List<SseEvent> out) {
        // Every call names its index; a few servers omit it, and then an id means a new call.
        int index = call.path("index").isInt() ? call.path("index").intValue()
                : call.has("id") ? toolsSeen : lastTool;
        JsonNode function = call.path("function");
        if (!blocks.hasTool(index)) {
            String id = Nodes.nonEmpty(call, "id").orElse("call_" + index);
            blocks.toolStart(index, id, Nodes.text(function, "name"), out);
            toolsSeen++;
        }
        lastTool = index;
        Nodes.nonEmpty(function, "arguments").ifPresent(args -> blocks.toolArguments(index, args, out));
    }

    private void start(JsonNode chunk, List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode message = Json.object();
        message.put("id", Nodes.nonEmpty(chunk, "id").orElse("msg_gproxy"));
        message.put("type", "message").put("role", "assistant");
        message.putArray("content");
        // the upstream's model; ClientEvents names the client's
        message.put("model", Nodes.text(chunk, "model"));
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", Tokens.ZERO.toClaude());
        ObjectNode event = Json.object().put("type", "message_start");
        event.set("message", message);
        out.add(ClaudeBlocks.event(event));
    }

    private void end(List<SseEvent> out) {
        start(Json.object(), out);
        blocks.close(out);
        ObjectNode delta = Json.object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason.orElse(StopReasons.toClaude("stop", blocks.toolUsed())))
                .putNull("stop_sequence");
        delta.set("usage", usage.toClaude());
        out.add(ClaudeBlocks.event(delta));
        out.add(ClaudeBlocks.event(Json.object().put("type", "message_stop")));
        ended = true;
    }
}
