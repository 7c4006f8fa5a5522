package gproxy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/**
 * The magic-string cache pass (features §7.4): with the provider setting {@code enable_magic_cache}
 * (or the per-vendor {@code enable_claude_magic_cache} / {@code enable_openai_magic_cache}), a
 * trigger string in a text block is removed and a native cache marker written on that block.
 * Triggers past Claude's four-marker limit are still removed, without a marker; Gemini has no
 * markers, so there the triggers are only removed (the model never sees them).
 */
final class MagicCache {
    static final String PREFIX = "GPROXY_MAGIC_STRING_TRIGGER_CACHING_CREATE_";

    /** Trigger, and the Claude TTL it asks for (empty: the provider default). */
    private record Trigger(String text, Optional<String> ttl) {
    }

    private static final List<Trigger> TRIGGERS = List.of(
            new Trigger(PREFIX + "7D9ASD7A98SD7A9S8D79ASC98A7FNKJBVV80SCMSHDSIUCH", Optional.empty()),
            new Trigger(PREFIX + "49VA1S5V19GR4G89W2V695G9W9GV52W95V198WV5W2FC9DF", Optional.of("5m")),
            new Trigger(PREFIX + "1FAS5GV9R5H29T5Y2J9584K6O95M2NBVW52C95CX984FRJY", Optional.of("1h")));

    private MagicCache() {
    }

    /** A cheap byte scan first: almost no request carries a trigger. */
    static boolean mayContain(byte[] body) {
        byte[] needle = PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static boolean enabled(JsonNode providerSettings, Kind upstream) {
        boolean all = providerSettings.path("enable_magic_cache").asBoolean(false);
        return switch (upstream) {
            case CLAUDE_MESSAGES -> all || providerSettings.path("enable_claude_magic_cache").asBoolean(false);
            case OPENAI_CHAT, OPENAI_RESPONSES ->
                    all || providerSettings.path("enable_openai_magic_cache").asBoolean(false);
            case GEMINI_GENERATE -> all;
            default -> false;
        };
    }

    /** Removes every trigger and marks its block; returns the number of triggers found. */
    static int apply(Kind upstream, ObjectNode body, String defaultTtl) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (upstream == Kind.GEMINI_GENERATE) {
            blocks.addAll(geminiParts(body));
        } else if (upstream == Kind.CLAUDE_MESSAGES) {
            blocks.addAll(CacheMarkers.claudeSystemBlocks(body));
            blocks.addAll(CacheMarkers.claudeMessageBlocks(body));
        } else {
            boolean responses = upstream == Kind.OPENAI_RESPONSES;
            blocks.addAll(CacheMarkers.openAiParts(body, responses, true));
            blocks.addAll(CacheMarkers.openAiParts(body, responses, false));
            if (responses && body.path("instructions").isTextual()) {
                body.put("instructions", strip(body.path("instructions").asText()).text());
            }
        }
        int found = 0;
        for (ObjectNode block : blocks) {
            JsonNode text = block.get("text");
            if (text == null || !text.isTextual() || !text.asText().contains(PREFIX)) {
                continue;
            }
            Stripped stripped = strip(text.asText());
            if (stripped.trigger().isEmpty()) {
                continue;
            }
            found++;
            block.put("text", stripped.text());
            mark(upstream, body, block, stripped.trigger().get().ttl().orElse(defaultTtl));
        }
        return found;
    }

    /** The text parts of the system instruction and of every content, in prompt order. */
    private static List<ObjectNode> geminiParts(ObjectNode body) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode system = body.has("systemInstruction") ? body.get("systemInstruction") : body.path("system_instruction");
        out.addAll(CacheMarkers.objects(system.path("parts")));
        for (JsonNode content : body.path("contents")) {
            out.addAll(CacheMarkers.objects(content.path("parts")));
        }
        return out;
    }

    private static void mark(Kind upstream, ObjectNode body, ObjectNode block, String ttl) {
        if (upstream == Kind.GEMINI_GENERATE) {
            return;
        }
        if (upstream == Kind.CLAUDE_MESSAGES) {
            if (!block.has(CacheMarkers.CLAUDE_MARKER)
                    && CacheMarkers.claudeMarkers(body) < CacheMarkers.CLAUDE_MAX_MARKERS) {
                block.set(CacheMarkers.CLAUDE_MARKER, CacheMarkers.claudeMarker(Optional.of(ttl)));
            }
            return;
        }
        block.set(CacheMarkers.OPENAI_MARKER, Json.object().put("mode", "explicit"));
    }

    private record Stripped(String text, Optional<Trigger> trigger) {
    }

    /** The text without any trigger; the strongest (last listed) trigger found decides the TTL. */
    private static Stripped strip(String text) {
        Optional<Trigger> found = Optional.empty();
        String out = text;
        for (Trigger trigger : TRIGGERS) {
            if (out.contains(trigger.text())) {
                out = out.replace(trigger.text(), "");
                found = Optional.of(trigger);
            }
        }
        return new Stripped(out, found);
    }
}
