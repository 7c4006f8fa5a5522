package gproxy.translate.claudegemini;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Writes Claude content blocks as stream events the way Anthropic does: indexes from 0, increasing,
 * one block open at a time, each started before its deltas and stopped before the next starts.
 */
final class ClaudeStreamBlocks {
    private enum Kind { TEXT, THINKING, TOOL }

    private int next;
    private int open = -1;
    private Kind openKind;
    private boolean toolUsed;

    void text(String text, List<SseEvent> out) {
        if (openKind != Kind.TEXT) {
            start(Kind.TEXT, Json.object().put("type", "text").put("text", ""), out);
        }
        delta(Json.object().put("type", "text_delta").put("text", text), out);
    }

    void thinking(String text, List<SseEvent> out) {
        if (openKind != Kind.THINKING) {
            start(Kind.THINKING, Json.object().put("type", "thinking").put("thinking", "").put("signature", ""), out);
        }
        if (!text.isEmpty()) {
            delta(Json.object().put("type", "thinking_delta").put("thinking", text), out);
        }
    }

    /** A signature ends the thinking block it signs: the next thought starts a new block. */
    void signature(String signature, List<SseEvent> out) {
        if (openKind == Kind.THINKING) {
            delta(Json.object().put("type", "signature_delta").put("signature", signature), out);
            close(out);
        }
    }

    /** A Gemini function call comes whole: its block opens, takes all its arguments at once, and stops. */
    void tool(String id, String name, String arguments, List<SseEvent> out) {
        ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
        block.putObject("input");
        start(Kind.TOOL, block, out);
        delta(Json.object().put("type", "input_json_delta").put("partial_json", arguments), out);
        close(out);
        toolUsed = true;
    }

    boolean toolUsed() {
        return toolUsed;
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

    private void delta(ObjectNode delta, List<SseEvent> out) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", open);
        event.set("delta", delta);
        out.add(event(event));
    }

    static SseEvent event(ObjectNode data) {
        return SseEvent.of(Nodes.text(data, "type").orElse(""), Json.text(data));
    }
}
