package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.GeminiFieldNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code generateContent} request → an OpenAI Responses request. The model comes from the
 * context (Gemini carries it in the URL). {@code systemInstruction} becomes {@code instructions},
 * {@code contents} the input items. A Gemini client keeps its own history, so the answer is not
 * stored ({@code store: false}). Safety settings, {@code topK}, {@code stopSequences}, seed,
 * penalties and server-side tools have no Responses field and are dropped; more than one candidate
 * cannot be produced and is refused. {@code cachedContent} becomes the {@code prompt_cache_key} (its
 * content lives at Google and cannot follow).
 */
final class GeminiToResponsesRequest implements Translation.RequestTranslator {

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
        JsonNode config = request.path("generationConfig");
        if (config.path("candidateCount").asInt(1) > 1) {
            throw GatewayException.invalid("generationConfig.candidateCount",
                    config.path("candidateCount").asInt() + " (expected: 1 when the upstream speaks the Responses API)");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        instructions(request.path("systemInstruction"), out);
        out.set("input", GeminiContentsToResponses.convert(request.get("contents")));
        GeminiConfigToResponses.generation(config, out);
        GeminiConfigToResponses.tools(request, out);
        out.put("prompt_cache_key", PromptCacheKeys.of(request, context));
        out.put("store", false);
        if (context.stream()) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }

    private static void instructions(JsonNode instruction, ObjectNode out) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : Nodes.elements(instruction, "parts")) {
            Nodes.text(part, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n").append(t));
        }
        if (instruction.isTextual()) {
            text.append(instruction.asText()); // a bare string is accepted by Gemini for convenience
        }
        if (!text.isEmpty()) {
            out.put("instructions", text.toString());
        }
    }
}
