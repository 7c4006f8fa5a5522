package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/** An OpenAI Chat completion → a Gemini {@code GenerateContentResponse}, one candidate per choice. */
final class OpenAiChatToGeminiResponse implements Translation.ResponseTranslator {

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode completion = Json.parse(upstreamBody);
        ObjectNode out = Json.object();
        ArrayNode candidates = out.putArray("candidates");
        for (JsonNode choice : Nodes.elements(completion, "choices")) {
            ObjectNode candidate = candidates.addObject();
            ObjectNode content = candidate.putObject("content");
            content.set("parts", ChatToGeminiParts.message(choice.path("message")));
            content.put("role", "model");
            FinishReasons.toGemini(Nodes.text(choice, "finish_reason")).ifPresent(r -> candidate.put("finishReason", r));
            candidate.put("index", choice.path("index").asInt(candidates.size() - 1));
        }
        if (completion.path("usage").isObject()) {
            out.set("usageMetadata", GeminiUsage.write(ChatUsage.read(completion.get("usage"))));
        }
        out.put("modelVersion", context.clientModel());
        Nodes.text(completion, "id").ifPresent(id -> out.put("responseId", id));
        return Json.bytes(out);
    }
}
