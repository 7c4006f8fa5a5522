package gproxy.translate.geminichat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Chat Completions request → a Gemini {@code generateContent} request. Model and
 * streaming are not in a Gemini body (the channel puts them in the URL). Fields with no Gemini
 * counterpart ({@code logit_bias}, {@code user}, {@code metadata}, {@code store},
 * {@code prompt_cache_key}, {@code parallel_tool_calls}, {@code service_tier}, audio output) are
 * dropped.
 */
final class OpenAiChatToGeminiRequest implements Translation.RequestTranslator {

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode request = Json.parse(clientBody);
        if (!request.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        if (!request.path("messages").isArray()) {
            throw GatewayException.invalid("messages", "must be an array");
        }
        ObjectNode out = Json.object();
        ChatMessagesToGemini.Converted converted = ChatMessagesToGemini.convert(request.get("messages"),
                SignatureFallback.forModel(context.upstreamModel()));
        out.set("contents", converted.contents());
        if (!converted.system().isEmpty()) {
            out.putObject("systemInstruction").set("parts", converted.system());
        }
        ChatConfigToGemini.tools(request, out);
        ObjectNode generation = ChatConfigToGemini.generation(request);
        if (!generation.isEmpty()) {
            out.set("generationConfig", generation);
        }
        return Json.bytes(out);
    }
}
