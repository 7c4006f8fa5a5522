package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses request → a Gemini {@code generateContent} request. Model and streaming are
 * not in a Gemini body (the channel puts them in the URL). {@code instructions} and system/developer
 * items form the {@code systemInstruction}; {@code input} the contents.
 *
 * <p>Gemini keeps no conversation state: {@code previous_response_id}, {@code conversation},
 * {@code item_reference} and {@code background} are refused with the field named, not answered as
 * a silently shorter conversation. {@code store} is dropped (the answer says {@code store: false}),
 * as are {@code prompt_cache_key} and {@code prompt_cache_retention} (Gemini caches implicitly),
 * {@code include}, {@code truncation}, {@code max_tool_calls}, {@code metadata}, {@code user},
 * {@code safety_identifier} and {@code service_tier}.
 */
final class ResponsesToGeminiRequest implements Translation.RequestTranslator {
    private static final List<String> STATEFUL = List.of("previous_response_id", "conversation");

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode request = Json.parse(clientBody);
        if (!request.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        for (String field : STATEFUL) {
            if (Nodes.has(request, field)) {
                throw GatewayException.invalid(field, "needs the Responses API's stored state, which a Gemini upstream does not keep");
            }
        }
        if (request.path("background").asBoolean(false)) {
            throw GatewayException.invalid("background", "is not available when the upstream is Gemini");
        }
        ObjectNode out = Json.object();
        ResponsesInputToGemini.Converted converted = ResponsesInputToGemini.convert(input(request.path("input")), context.upstreamModel());
        out.set("contents", converted.contents());
        Nodes.text(request, "instructions").filter(i -> !i.isEmpty()).ifPresent(i -> converted.system().insert(0, ResponsesPartsToGemini.text(i)));
        if (!converted.system().isEmpty()) {
            out.putObject("systemInstruction").set("parts", converted.system());
        }
        ResponsesControlsToGemini.tools(request, out);
        ObjectNode generation = ResponsesControlsToGemini.generation(request, context.upstreamModel());
        if (!generation.isEmpty()) {
            out.set("generationConfig", generation);
        }
        return Json.bytes(out);
    }

    /** A string input is one user message; an absent one no message. */
    private static JsonNode input(JsonNode input) {
        if (input.isTextual()) {
            return Json.MAPPER.createArrayNode().add(Json.object().put("type", "message").put("role", "user").put("content", input.asText()));
        }
        if (input.isArray()) {
            return input;
        }
        if (!input.isMissingNode() && !input.isNull()) {
            throw GatewayException.invalid("input", "must be a string or an array of items");
        }
        return Json.MAPPER.createArrayNode();
    }
}
