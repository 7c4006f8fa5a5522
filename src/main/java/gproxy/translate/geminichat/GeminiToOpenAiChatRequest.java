package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.GeminiFieldNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code generateContent} request → an OpenAI Chat Completions request. The model comes
 * from the context (Gemini carries it in the URL). Safety settings, {@code topK} and server-side
 * tools (Google Search, code execution) have no Chat field and are dropped; {@code cachedContent}
 * becomes the {@code prompt_cache_key} (its content lives at Google and cannot follow).
 */
final class GeminiToOpenAiChatRequest implements Translation.RequestTranslator {

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode parsed = Json.parse(clientBody);
        if (!parsed.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        JsonNode request = GeminiFieldNames.camelCase(parsed);
        if (!request.path("contents").isArray()) {
            throw GatewayException.invalid("contents", "must be an array");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        ArrayNode messages = out.putArray("messages");
        systemMessage(request.path("systemInstruction"), messages);
        GeminiContentsToChat.append(request.get("contents"), messages);
        GeminiConfigToChat.generation(request.path("generationConfig"), out);
        GeminiConfigToChat.tools(request, out);
        out.put("prompt_cache_key", PromptCacheKeys.of(request, context));
        if (context.stream()) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true); // else the stream has no usage to settle
        }
        return Json.bytes(out);
    }

    private static void systemMessage(JsonNode instruction, ArrayNode messages) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Nodes.elements(instruction, "parts")) {
            Nodes.text(part, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t));
        }
        if (instruction.isTextual()) {
            text.append(instruction.asText()); // a bare string is accepted by Gemini for convenience
        }
        if (!text.isEmpty()) {
            messages.addObject().put("role", "system").put("content", text.toString());
        }
    }
}
