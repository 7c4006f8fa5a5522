package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Chat completion → an OpenAI Responses {@code response}: the first choice's reasoning
 * ({@code reasoning_content}, as reasoning Chat upstreams send it) as a reasoning item with one
 * summary, its text and refusal as a message item, each tool call as a function call item.
 */
final class OpenAiChatToResponsesResponse implements Translation.ResponseTranslator {

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode completion = Json.parse(upstreamBody);
        String suffix = ResponseEnvelope.suffix(Nodes.text(completion, "id").orElse("chat"));
        JsonNode choice = completion.path("choices").path(0);
        Outcome outcome = Outcome.fromChat(Nodes.text(choice, "finish_reason").orElse("stop"));
        ObjectNode response = ResponseEnvelope.of(suffix, completion.path("created").asLong(0), context.clientModel(), outcome.status());
        ArrayNode output = output(choice.path("message"), suffix, outcome);
        JsonNode usage = completion.path("usage").isObject() ? ResponsesUsage.toResponses(completion.get("usage")) : Json.MAPPER.nullNode();
        return Json.bytes(ResponseEnvelope.finish(response, outcome, output, usage));
    }

    static ArrayNode output(JsonNode message, String suffix, Outcome outcome) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        Nodes.text(message, "reasoning_content").or(() -> Nodes.text(message, "reasoning")).filter(r -> !r.isEmpty())
                .ifPresent(r -> output.add(ResponseEnvelope.reasoning("rs_" + suffix, r)));
        ArrayNode content = Json.MAPPER.createArrayNode();
        Nodes.text(message, "content").filter(t -> !t.isEmpty()).ifPresent(t -> content.add(ResponseEnvelope.outputText(t)));
        Nodes.text(message, "refusal").ifPresent(r -> content.add(ResponseEnvelope.refusal(r)));
        if (!content.isEmpty()) {
            output.add(ResponseEnvelope.message("msg_" + suffix, outcome.incomplete() ? "incomplete" : "completed", content));
        }
        for (JsonNode call : Nodes.elements(message, "tool_calls")) {
            String callId = Nodes.text(call, "id").orElse("");
            JsonNode function = call.path("function");
            output.add(ResponseEnvelope.functionCall("fc_" + callId, "completed", callId,
                    Nodes.text(function, "name").orElse(""), Nodes.text(function, "arguments").orElse("")));
        }
        return output;
    }
}
