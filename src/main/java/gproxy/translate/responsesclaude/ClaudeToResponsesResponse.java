package gproxy.translate.responsesclaude;

import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * A Claude message → an OpenAI Responses {@code response}. In block order: each thinking block a
 * reasoning item (its signature carried, see {@link ReasoningCarry}), each run of text blocks one
 * message item with an {@code output_text} part per block, each {@code tool_use} a
 * {@code function_call} item. Citations have no Responses form here and are dropped, as are
 * server-tool blocks (web search and its results run at Anthropic; the text that cites them stays).
 */
final class ClaudeToResponsesResponse {
    private final LongSupplier epochSeconds;

    /** @param epochSeconds the clock for {@code created_at}, which Claude does not report */
    ClaudeToResponsesResponse(LongSupplier epochSeconds) {
        this.epochSeconds = epochSeconds;
    }

    byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (Nodes.text(in, "type").equals("error")) {
            return Json.bytes(Errors.toOpenAi(in));
        }
        String suffix = Envelope.suffix(Nodes.text(in, "id"));
        Outcome outcome = Outcome.fromClaude(Nodes.text(in, "stop_reason"));
        ArrayNode output = Nodes.newArray();
        ArrayNode text = null;
        for (JsonNode block : Nodes.array(in, "content")) {
            String type = Nodes.text(block, "type");
            if (type.equals("text")) {
                if (text == null) {
                    text = Nodes.newArray();
                    output.add(Envelope.message(Envelope.messageId(suffix, output.size()), outcome.itemStatus(), text));
                }
                text.add(Envelope.outputText(Nodes.text(block, "text")));
                continue;
            }
            text = null;
            if (type.equals("tool_use")) {
                output.add(Envelope.functionCall(Nodes.text(block, "id"), "completed", Nodes.text(block, "name"),
                        Nodes.argumentsText(block.path("input"))));
            } else {
                ReasoningCarry.reasoningItem(block, Envelope.reasoningId(suffix, output.size())).ifPresent(output::add);
            }
        }
        ObjectNode response = Envelope.of(suffix, epochSeconds.getAsLong(), context.clientModel(), outcome.status());
        return Json.bytes(Envelope.finish(response, outcome, output, Tokens.fromClaude(in.path("usage")).toResponses()));
    }
}
