package gproxy.translate.responseschat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Chat Completions request → an OpenAI Responses request. Messages become input items in
 * order (system and developer messages stay messages with their role, which Responses accepts, so
 * nothing is reordered). A Chat client keeps its own history, so the answer is not stored
 * ({@code store: false}) unless the client asked. Chat-only sampling fields ({@code stop},
 * {@code seed}, penalties, {@code logit_bias}) have no Responses field and are dropped; more than
 * one choice ({@code n > 1}) cannot be produced and is refused.
 */
final class OpenAiChatToResponsesRequest implements Translation.RequestTranslator {

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode request = Json.parse(clientBody);
        if (!request.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        if (!request.path("messages").isArray()) {
            throw GatewayException.invalid("messages", "must be an array");
        }
        if (request.path("n").asInt(1) > 1) {
            throw GatewayException.invalid("n", request.path("n").asInt() + " (expected: 1 when the upstream speaks the Responses API)");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        out.set("input", ChatMessagesToResponsesInput.convert(request.get("messages")));
        ChatControlsToResponses.apply(request, out);
        if (!out.has("store")) {
            out.put("store", false);
        }
        if (!out.has("prompt_cache_key")) {
            context.promptCacheKey().ifPresent(k -> out.put("prompt_cache_key", k));
        }
        if (context.stream()) {
            out.put("stream", true);
        }
        return Json.bytes(out);
    }
}
