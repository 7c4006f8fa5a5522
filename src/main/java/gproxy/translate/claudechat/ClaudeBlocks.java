package gproxy.translate.claudechat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Writes Claude content blocks as stream events the way Anthropic does: indexes from 0, increasing,
 * one block open at a time, each started before its deltas and stopped before the next starts.
 * Text, thinking and tool blocks interleave in the order their content arrived.
 */
final class ClaudeBlocks {
    private enum Kind { TEXT, THINKING, TOOL }

    private int next;
    private int open = -1;
    private Kind openKind;
    /** OpenAI's tool index (its own numbering) → the Claude block holding that call. */
    private final Map<Integer, Integer> tools = new HashMap<>();

    void text(String text, List<SseEvent> out) {
        if (openKind != Kind.TEXT) {
            start(Kind.TEXT, Json.object().put("type", "text").put("text", ""), out);
        }
        delta(open, Json.object().put("type", "text_delta").put("text", text), out);
    }

    void thinking(String text, List<SseEvent> out) {
        if (openKind != Kind.THINKING) {
            start(Kind.THINKING, Json.object().put("type", "thinking").put("thinking", "").put("signature", ""), out);
        }
        delta(open, Json.object().put("type", "thinking_delta").put("thinking", text), out);
    }

    /** A signature belongs to the thinking block it closes; with none open it has nothing to sign. */
    void signature(String signature, List<SseEvent> out) {
        if (openKind == Kind.THINKING) {
            delta(open, Json.object().put("type", "signature_delta").put("signature", signature), out);
        }
    }

    void redacted(String data, List<SseEvent> out) {
        start(null, Json.object().put("type", "redacted_thinking").put("data", data), out);
        close(out);
    }

    boolean hasTool(int openAiIndex) {
        return tools.containsKey(openAiIndex);
    }

    boolean toolUsed() {
        return !tools.isEmpty();
    }

    void toolStart(int openAiIndex, String id, String name, List<SseEvent> out) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
        block.putObject("input");
        start(Kind.TOOL, block, out);
        tools.put(openAiIndex, open);
    }

    /**
     * Argument fragments go to their call's block. Upstreams stream one call after another; should
     * one interleave, a fragment for an already stopped call still goes to that call's index, which
     * the Anthropic SDKs accumulate by index, rather than be lost.
     */
    void toolArguments(int openAiIndex, String fragment, List<SseEvent> out) {
        Integer index = tools.get(openAiIndex);
        if (index != null) {
            delta(index, Json.object().put("type", "input_json_delta").put("partial_json", fragment), out);
        }
    }

    void close(List<SseEvent> out) {
        if (open >= 0) {
            out.add(event(Json.object().put("type", "content_block_stop").put("index", open)));
        }
        open = -1;
        openKind = null;
    }

    private void start(Kind kind, ObjectNode block, List<SseEvent> out) {
        close(out);
        open = next++;
        openKind = kind;
        ObjectNode event = Json.object().put("type", "content_block_start").put("index", open);
        event.set("content_block", block);
        out.add(event(event));
    }

    private static void delta(int index, ObjectNode delta, List<SseEvent> out) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        out.add(event(event));
    }

    static SseEvent event(ObjectNode data) {
        return SseEvent.of(Nodes.text(data, "type"), Json.text(data));
    }
}
