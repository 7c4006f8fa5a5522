package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses request → an OpenAI Chat Completions request. {@code instructions} becomes
 * the first system message, {@code input} the messages. Requests that lean on state the Responses
 * API keeps server-side cannot be answered by a Chat upstream and are refused with the field named.
 */
final class ResponsesToOpenAiChatRequest implements Translation.RequestTranslator {
    private static final List<String> STATEFUL = List.of("previous_response_id", "conversation");

    @Override
    public byte[] translate(byte[] clientBody, TranslationContext context) {
        JsonNode request = Json.parse(clientBody);
        if (!request.isObject()) {
            throw GatewayException.invalid("body", "must be a JSON object");
        }
        for (String field : STATEFUL) {
            if (Nodes.has(request, field)) {
                throw GatewayException.invalid(field, "needs the Responses API's stored state, which this upstream does not keep");
            }
        }
        if (request.path("background").asBoolean(false)) {
            throw GatewayException.invalid("background", "is not available when the upstream speaks Chat Completions");
        }
        ObjectNode out = Json.object();
        out.put("model", context.upstreamModel());
        ArrayNode messages = out.putArray("messages");
        Nodes.text(request, "instructions").filter(i -> !i.isEmpty())
                .ifPresent(i -> messages.addObject().put("role", "system").put("content", i));
        JsonNode input = request.path("input");
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
        } else if (input.isArray()) {
            ResponsesInputToChat.append(input, messages);
        } else if (!input.isMissingNode() && !input.isNull()) {
            throw GatewayException.invalid("input", "must be a string or an array of items");
        }
        ResponsesControlsToChat.apply(request, out);
        Nodes.text(request, "prompt_cache_key").or(context::promptCacheKey).ifPresent(k -> out.put("prompt_cache_key", k));
        if (context.stream()) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true); // Responses always reports usage; Chat only when asked
        }
        return Json.bytes(out);
    }
}
