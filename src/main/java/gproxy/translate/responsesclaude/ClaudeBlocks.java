package gproxy.translate.responsesclaude;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Writes Claude content blocks as stream events the way Anthropic does: indexes from 0, increasing,
 * one block open at a time, each started before its deltas and stopped before the next starts.
 */
final class ClaudeBlocks {
    private int next;
    private int open = -1;

    /** Starts a block (stopping the open one); its index. */
    int start(ObjectNode block, List<SseEvent> out) {
        stop(out);
        open = next++;
        ObjectNode event = Json.object().put("type", "content_block_start").put("index", open);
        event.set("content_block", block);
        out.add(event(event));
        return open;
    }

    void delta(int index, ObjectNode delta, List<SseEvent> out) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        out.add(event(event));
    }

    void stop(int index, List<SseEvent> out) {
        if (index == open) {
            stop(out);
        }
    }

    void stop(List<SseEvent> out) {
        if (open >= 0) {
            out.add(event(Json.object().put("type", "content_block_stop").put("index", open)));
        }
        open = -1;
    }

    static SseEvent event(ObjectNode data) {
        return SseEvent.of(Nodes.text(data, "type"), Json.text(data));
    }
}
