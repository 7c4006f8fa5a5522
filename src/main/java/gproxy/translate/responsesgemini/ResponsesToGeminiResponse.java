package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses {@code response} → a Gemini {@code GenerateContentResponse} with one
 * candidate holding every output item's parts in order ({@link ResponsesToGeminiParts}). A response
 * that failed has no candidate to give: it is a 502 whose message names the upstream's error code.
 */
final class ResponsesToGeminiResponse implements Translation.ResponseTranslator {

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode response = Json.parse(upstreamBody);
        if (Nodes.text(response, "status").filter("failed"::equals).isPresent()) {
            String code = Nodes.text(response.path("error"), "code").orElse("unknown");
            throw new GatewayException(502, "upstream_failed", "upstream response failed (" + code + ")");
        }
        ArrayNode parts = Json.MAPPER.createArrayNode();
        Nodes.elements(response, "output").forEach(item -> parts.addAll(ResponsesToGeminiParts.of(item)));
        if (parts.isEmpty()) {
            parts.add(ResponsesToGeminiParts.text("")); // Gemini answers always carry a part; clients read parts[0]
        }
        ObjectNode out = Json.object();
        out.putArray("candidates").add(ResponsesToGeminiParts.candidate(parts, Optional.of(Outcome.toGemini(response))));
        if (response.path("usage").isObject()) {
            out.set("usageMetadata", TokenUsage.fromResponses(response.get("usage")).toGemini());
        }
        out.put("modelVersion", context.clientModel());
        Nodes.text(response, "id").ifPresent(id -> out.put("responseId", id));
        return Json.bytes(out);
    }
}
