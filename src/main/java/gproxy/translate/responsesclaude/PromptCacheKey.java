package gproxy.translate.responsesclaude;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The {@code prompt_cache_key} for a Claude request sent to OpenAI (reference §4.5), derived as the
 * Chat pair derives it: a hash of the system prompt and the first message, so every turn of one
 * conversation lands on the same OpenAI cache shard. {@code cache_control} markers are left out of
 * the hash because clients move them as turns are appended (Claude Code marks the newest message).
 * The same Claude conversation therefore gets the same key whether it goes to Chat or to Responses.
 */
final class PromptCacheKey {
    private PromptCacheKey() {
    }

    static String derive(JsonNode claudeRequest) {
        ObjectNode seed = Json.object();
        seed.set("system", withoutMarkers(claudeRequest.path("system")));
        seed.set("first", withoutMarkers(claudeRequest.path("messages").path(0)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.bytes(seed));
            return "gproxy-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static JsonNode withoutMarkers(JsonNode node) {
        if (node.isMissingNode()) {
            return Json.MAPPER.nullNode();
        }
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("cache_control");
        }
        node.forEach(PromptCacheKey::strip);
    }
}
