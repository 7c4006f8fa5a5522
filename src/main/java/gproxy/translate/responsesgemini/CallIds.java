package gproxy.translate.responsesgemini;

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
 * Responses {@code call_id}s for Gemini function calls. Gemini gives most calls no id, and Gemini 3
 * wants each call's {@code thoughtSignature} back on the next turn (HTTP 400 without it). A call with
 * nothing to carry gets {@code call_} + 24 hex digits of a hash of its seed (stable: the same answer
 * yields the same ids, streamed or not); one that carries Gemini's id or signature gets
 * {@code call_gs_} + base64url of both, so the request that answers it can put them back. The call id
 * is what every Responses client echoes verbatim, in its {@code function_call} and
 * {@code function_call_output} items alike.
 */
final class CallIds {
    private static final String CARRIER = "call_gs_";

    /** What a Gemini function call carried, recovered from a call id we issued. */
    record Carried(Optional<String> id, Optional<String> signature) {
        static final Carried NOTHING = new Carried(Optional.empty(), Optional.empty());
    }

    private CallIds() {
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
        return "call_" + hash(seed);
    }

    /** 24 hex digits of the SHA-256 of {@code text}. */
    static String hash(String text) {
        return HexFormat.of().formatHex(sha256(text)).substring(0, 24);
    }

    /** Nothing for a call id we did not issue with a payload (a client's own, or a synthesised one). */
    static Carried read(String callId) {
        if (!callId.startsWith(CARRIER)) {
            return Carried.NOTHING;
        }
        try {
            JsonNode carried = Json.parse(Base64.getUrlDecoder().decode(callId.substring(CARRIER.length())));
            return new Carried(Nodes.text(carried, "i"), Nodes.text(carried, "s"));
        } catch (IllegalArgumentException | GatewayException e) {
            return Carried.NOTHING; // a foreign id that merely looks like ours
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
