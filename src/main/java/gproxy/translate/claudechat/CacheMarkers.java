package gproxy.translate.claudechat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Prompt-cache markers from OpenAI to Claude (reference §7.3). OpenAI's explicit breakpoints
 * ({@code prompt_cache_breakpoint} on a content part) become {@code cache_control: ephemeral} on the
 * block made from that part; Claude allows four markers, so the last four are kept, or the last
 * three when the client explicitly chose {@code prompt_cache_options.mode: implicit}, which becomes
 * Claude's request-level automatic marker. OpenAI's 30m TTL has no Claude equivalent; Claude's
 * default 5m applies. Markers never land on thinking blocks (Claude rejects that).
 *
 * <p>Toward OpenAI markers are dropped: OpenAI caches prefixes on its own, and its explicit
 * breakpoint fields are rejected by models before GPT-5.6.
 */
final class CacheMarkers {
    private static final int CLAUDE_LIMIT = 4;

    private CacheMarkers() {
    }

    static boolean marked(JsonNode openAiPart) {
        return openAiPart.path("prompt_cache_breakpoint").isObject();
    }

    static ObjectNode ephemeral() {
        return Json.object().put("type", "ephemeral");
    }

    static boolean implicitChosen(JsonNode openAiRequest) {
        return Nodes.text(openAiRequest.path("prompt_cache_options"), "mode").equals("implicit");
    }

    /** Drops the earliest markers of a Claude request until at most the allowed number remain. */
    static void limit(ObjectNode claudeRequest, boolean requestLevelMarker) {
        List<ObjectNode> marked = new ArrayList<>();
        collect(claudeRequest.path("system"), marked);
        claudeRequest.path("messages").forEach(m -> collect(m.path("content"), marked));
        int keep = requestLevelMarker ? CLAUDE_LIMIT - 1 : CLAUDE_LIMIT;
        for (int i = 0; i < marked.size() - keep; i++) {
            marked.get(i).remove("cache_control");
        }
    }

    private static void collect(JsonNode blocks, List<ObjectNode> marked) {
        for (JsonNode block : blocks) {
            if (block instanceof ObjectNode object && object.has("cache_control")) {
                marked.add(object);
            }
            if (block.path("content").isArray()) {
                collect(block.path("content"), marked); // tool_result content, in prompt order
            }
        }
    }
}
