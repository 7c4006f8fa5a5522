package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * The {@code prompt_cache_key} a Gemini request gets when it goes to OpenAI (reference §4.5):
 * Gemini's {@code cachedContent} name when the client names one; else the key the engine put in the
 * context; else a hash of the system instruction and the first content, which stays the same as
 * turns are appended, so OpenAI routes a conversation's requests to the same cache.
 */
final class PromptCacheKeys {
    private PromptCacheKeys() {
    }

    static String of(JsonNode geminiRequest, TranslationContext context) {
        return Nodes.text(geminiRequest, "cachedContent")
                .or(context::promptCacheKey)
                .orElseGet(() -> derived(geminiRequest));
    }

    private static String derived(JsonNode request) {
        String prefix = Json.text(request.path("systemInstruction")) + "\n" + Json.text(request.path("contents").path(0));
        return "gproxy-" + HexFormat.of().formatHex(ToolCallIds.sha256(prefix)).substring(0, 32);
    }
}
