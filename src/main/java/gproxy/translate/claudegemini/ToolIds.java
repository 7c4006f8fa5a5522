package gproxy.translate.claudegemini;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * Claude {@code tool_use} ids for Gemini function calls, which mostly come without an id. A call with
 * nothing to carry gets {@code toolu_} + 24 hex digits of a hash of its seed (stable: the same answer
 * yields the same ids, streamed or not). A call that carries Gemini's own id or its
 * {@code thoughtSignature} (Gemini 3 rejects a replayed call without it) gets {@code toolu_gs_} +
 * base64url of both, so the next request can put them back: the id is the one thing every Claude
 * client echoes verbatim, in {@code tool_use} and in {@code tool_result}. Only {@code [A-Za-z0-9_-]}
 * is used, which Claude's id syntax requires.
 */
final class ToolIds {
    private static final String CARRIER = "toolu_gs_";

    /** What a Gemini function call carried, recovered from an id we issued. */
    record GeminiCall(Optional<String> id, Optional<String> signature) {
        static final GeminiCall NONE = new GeminiCall(Optional.empty(), Optional.empty());
    }

    private ToolIds() {
    }

    static String issue(Optional<String> geminiId, Optional<String> signature, String seed) {
        if (geminiId.isEmpty() && signature.isEmpty()) {
            return synthesize(seed);
        }
        ObjectNode carried = Json.object();
        geminiId.ifPresent(id -> carried.put("i", id));
        signature.ifPresent(s -> carried.put("s", s));
        return CARRIER + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(carried));
    }

    static String synthesize(String seed) {
        return "toolu_" + HexFormat.of().formatHex(sha256(seed)).substring(0, 24);
    }

    /** {@link GeminiCall#NONE} for an id we did not issue with a payload (a client's own, or a synthesised one). */
    static GeminiCall read(String claudeId) {
        if (!claudeId.startsWith(CARRIER)) {
            return GeminiCall.NONE;
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(claudeId.substring(CARRIER.length()));
            Optional<JsonNode> carried = Nodes.parse(new String(json, StandardCharsets.UTF_8)).filter(JsonNode::isObject);
            return carried.map(c -> new GeminiCall(Nodes.text(c, "i"), Nodes.text(c, "s"))).orElse(GeminiCall.NONE);
        } catch (IllegalArgumentException e) {
            return GeminiCall.NONE; // a foreign id that merely looks like ours
        }
    }

    /** A key for an answer: Gemini's {@code responseId}, or a hash of the text when it sent none. */
    static String responseKey(JsonNode response, String text) {
        return Nodes.nonEmpty(response, "responseId").orElseGet(() -> HexFormat.of().formatHex(sha256(text)).substring(0, 24));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
