package gproxy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/**
 * Prompt-cache markers in the upstream's wire shape (features §7.3–7.4): Claude
 * {@code cache_control: {type: ephemeral, ttl}} on blocks, with at most four markers per request
 * (client markers included); OpenAI Chat and Responses {@code prompt_cache_breakpoint:
 * {mode: explicit}} on text parts and request-wide {@code prompt_cache_options}. Gemini has no
 * markers: every target is skipped there.
 */
final class CacheMarkers {
    /** Anthropic rejects a request with more than four {@code cache_control} markers. */
    static final int CLAUDE_MAX_MARKERS = 4;
    static final String CLAUDE_MARKER = "cache_control";
    static final String OPENAI_MARKER = "prompt_cache_breakpoint";

    private CacheMarkers() {
    }

    /** The outcome of one breakpoint: applied, or why not (for the log). */
    record Outcome(boolean applied, String reason) {
        static Outcome done() {
            return new Outcome(true, "");
        }

        static Outcome skipped(String reason) {
            return new Outcome(false, reason);
        }
    }

    static Outcome apply(Kind upstream, ObjectNode body, Rule.CacheBreakpoint rule) {
        return switch (upstream) {
            case CLAUDE_MESSAGES -> claude(body, rule);
            case OPENAI_CHAT, OPENAI_RESPONSES -> openAi(upstream, body, rule);
            default -> Outcome.skipped("no prompt-cache markers in " + upstream.id());
        };
    }

    // ---- Claude ----------------------------------------------------------------------------

    private static Outcome claude(ObjectNode body, Rule.CacheBreakpoint rule) {
        if (claudeMarkers(body) >= CLAUDE_MAX_MARKERS) {
            return Outcome.skipped("the request already has " + CLAUDE_MAX_MARKERS + " cache markers");
        }
        if (rule.target() == Rule.Target.TOP_LEVEL) {
            if (body.has(CLAUDE_MARKER)) {
                return Outcome.skipped("the request already has a top-level cache_control");
            }
            body.set(CLAUDE_MARKER, claudeMarker(rule.ttl()));
            return Outcome.done();
        }
        List<ObjectNode> blocks = switch (rule.target()) {
            case SYSTEM -> claudeSystemBlocks(body);
            case TOOLS -> objects(body.path("tools"));
            case MESSAGE -> claudeMessageBlocks(body);
            case TOP_LEVEL -> List.of();
        };
        Optional<ObjectNode> block = pick(blocks, rule.index());
        if (block.isEmpty()) {
            return Outcome.skipped("no block at index " + rule.index().map(String::valueOf).orElse("last"));
        }
        if (block.get().has(CLAUDE_MARKER)) {
            return Outcome.skipped("the block is already marked");
        }
        block.get().set(CLAUDE_MARKER, claudeMarker(rule.ttl()));
        return Outcome.done();
    }

    static ObjectNode claudeMarker(Optional<String> ttl) {
        ObjectNode marker = Json.object().put("type", "ephemeral");
        // OpenAI's 30m has no Claude equivalent: Claude's default 5m then
        marker.put("ttl", ttl.filter(t -> t.equals("1h")).orElse("5m"));
        return marker;
    }

    /** Client and rule markers alike: top level, system, tools and message content blocks. */
    static int claudeMarkers(ObjectNode body) {
        int count = body.has(CLAUDE_MARKER) ? 1 : 0;
        for (JsonNode block : body.path("system")) {
            count += block.has(CLAUDE_MARKER) ? 1 : 0;
        }
        for (JsonNode tool : body.path("tools")) {
            count += tool.has(CLAUDE_MARKER) ? 1 : 0;
        }
        for (JsonNode message : body.path("messages")) {
            for (JsonNode block : message.path("content")) {
                count += block.has(CLAUDE_MARKER) ? 1 : 0;
            }
        }
        return count;
    }

    /** The system blocks; a string system becomes one text block so it can carry a marker. */
    static List<ObjectNode> claudeSystemBlocks(ObjectNode body) {
        JsonNode system = body.get("system");
        if (system != null && system.isTextual()) {
            ArrayNode blocks = body.putArray("system");
            blocks.addObject().put("type", "text").put("text", system.asText());
        }
        return objects(body.path("system"));
    }

    /** Cacheable blocks across every message in prompt order; string contents become text blocks. */
    static List<ObjectNode> claudeMessageBlocks(ObjectNode body) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (!(message instanceof ObjectNode m)) {
                continue;
            }
            JsonNode content = m.get("content");
            if (content != null && content.isTextual()) {
                ArrayNode blocks = m.putArray("content");
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            for (ObjectNode block : objects(m.path("content"))) {
                String type = block.path("type").asText();
                if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                    out.add(block);
                }
            }
        }
        return out;
    }

    // ---- OpenAI ----------------------------------------------------------------------------

    private static Outcome openAi(Kind upstream, ObjectNode body, Rule.CacheBreakpoint rule) {
        if (rule.ttl().filter("30m"::equals).isPresent()) {
            options(body).put("ttl", "30m");
        }
        if (rule.target() == Rule.Target.TOP_LEVEL) {
            ObjectNode options = options(body);
            if (options.has("mode")) {
                return Outcome.skipped("the client chose prompt_cache_options.mode");
            }
            options.put("mode", "implicit");
            return Outcome.done();
        }
        if (rule.target() == Rule.Target.TOOLS) {
            return Outcome.skipped("OpenAI tools cannot carry a cache breakpoint");
        }
        boolean responses = upstream == Kind.OPENAI_RESPONSES;
        List<ObjectNode> parts = rule.target() == Rule.Target.SYSTEM
                ? openAiParts(body, responses, true)
                : openAiParts(body, responses, false);
        if (parts.isEmpty() && responses && rule.target() == Rule.Target.SYSTEM && body.has("instructions")) {
            parts = List.of(instructionsBoundary(body));
        }
        Optional<ObjectNode> part = pick(parts, rule.index());
        if (part.isEmpty()) {
            return Outcome.skipped("no text part at index " + rule.index().map(String::valueOf).orElse("last"));
        }
        part.get().set(OPENAI_MARKER, Json.object().put("mode", "explicit"));
        return Outcome.done();
    }

    private static ObjectNode options(ObjectNode body) {
        JsonNode options = body.get("prompt_cache_options");
        return options instanceof ObjectNode o ? o : body.putObject("prompt_cache_options");
    }

    /**
     * Text parts of system/developer messages ({@code system}) or of the other messages, in prompt
     * order; string contents become one text part. Chat messages live in {@code messages}, Responses
     * message items in {@code input}.
     */
    static List<ObjectNode> openAiParts(ObjectNode body, boolean responses, boolean system) {
        String field = responses ? "input" : "messages";
        String textType = responses ? "input_text" : "text";
        JsonNode items = body.get(field);
        if (responses && items != null && items.isTextual()) {
            ArrayNode converted = body.putArray("input");
            converted.addObject().put("role", "user").putArray("content").addObject()
                    .put("type", textType).put("text", items.asText());
            items = converted;
        }
        List<ObjectNode> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (JsonNode item : items) {
            if (!(item instanceof ObjectNode message) || !message.has("role")
                    || (message.has("type") && !message.path("type").asText().equals("message"))) {
                continue;
            }
            String role = message.path("role").asText();
            boolean isSystem = role.equals("system") || role.equals("developer");
            if (isSystem != system) {
                continue;
            }
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                String type = responses && role.equals("assistant") ? "output_text" : textType;
                message.putArray("content").addObject().put("type", type).put("text", content.asText());
            }
            for (ObjectNode part : objects(message.path("content"))) {
                String type = part.path("type").asText();
                if (type.equals("text") || type.equals("input_text") || type.equals("output_text")) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * Responses {@code instructions} cannot carry metadata: a small developer message right after
     * them holds the breakpoint instead (features §7.3).
     */
    private static ObjectNode instructionsBoundary(ObjectNode body) {
        JsonNode input = body.get("input");
        ArrayNode items;
        if (input instanceof ArrayNode array) {
            items = array;
        } else {
            items = Json.MAPPER.createArrayNode();
            if (input != null && input.isTextual()) {
                items.addObject().put("role", "user").putArray("content").addObject()
                        .put("type", "input_text").put("text", input.asText());
            }
            body.set("input", items);
        }
        ObjectNode message = Json.object().put("type", "message").put("role", "developer");
        ObjectNode part = message.putArray("content").addObject().put("type", "input_text")
                .put("text", "(end of instructions)");
        items.insert(0, message);
        return part;
    }

    // ---- shared ----------------------------------------------------------------------------

    /** 1-based from the start, negative from the end, empty = the last one. */
    static <T> Optional<T> pick(List<T> list, Optional<Integer> index) {
        if (list.isEmpty()) {
            return Optional.empty();
        }
        int i = index.orElse(-1);
        int at = i > 0 ? i - 1 : list.size() + i;
        return at >= 0 && at < list.size() ? Optional.of(list.get(at)) : Optional.empty();
    }

    static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode node : array) {
            if (node instanceof ObjectNode o) {
                out.add(o);
            }
        }
        return out;
    }
}
