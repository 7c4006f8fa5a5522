package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * OpenAI tool call ids for Gemini function calls. A call with nothing to carry gets
 * {@code call_} + 24 hex digits of a hash of its seed (stable: the same answer yields the same ids,
 * streamed or not). A call that carries Gemini's own id or its {@code thoughtSignature} (Gemini 3
 * rejects a replayed call without it) gets {@code call_gs_} + base64url of both, so the next
 * request can put them back. Only the characters {@code [A-Za-z0-9_-]} are used, which every
 * dialect's id syntax accepts.
 */
final class ToolCallIds {
    private static final String CARRIER = "call_gs_";

    /** What a Gemini function call carried, recovered from an id we issued. */
    record GeminiCall(Optional<String> id, Optional<String> signature) {
    }

    private ToolCallIds() {
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
        return "call_" + HexFormat.of().formatHex(sha256(seed)).substring(0, 24);
    }

    /** Empty for an id we did not issue with a payload (a client's own, or a synthesised one). */
    static Optional<GeminiCall> read(String chatId) {
        if (!chatId.startsWith(CARRIER)) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(chatId.substring(CARRIER.length()));
            JsonNode carried = Json.parse(json);
            return Optional.of(new GeminiCall(Nodes.text(carried, "i"), Nodes.text(carried, "s")));
        } catch (IllegalArgumentException | GatewayException e) {
            return Optional.empty(); // a foreign id that merely looks like ours
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
