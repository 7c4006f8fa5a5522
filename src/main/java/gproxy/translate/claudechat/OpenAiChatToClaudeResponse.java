package gproxy.translate.claudechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Chat completion as a Claude message: reasoning (when the upstream returns it, see
 * {@link ReasoningDetails}) first, then text, then one {@code tool_use} block per tool call, as
 * Claude orders them. A refusal becomes a text block with {@code stop_reason: refusal}. Only the
 * first choice is read: a Claude client cannot ask for more.
 */
final class OpenAiChatToClaudeResponse {
    private OpenAiChatToClaudeResponse() {
    }

    static byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (in.has("error")) {
            return Json.bytes(ErrorBodies.toClaude(in));
        }
        JsonNode choice = in.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = Json.object();
        out.put("id", Nodes.nonEmpty(in, "id").orElse("msg_gproxy"));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", context.clientModel());
        ArrayNode content = out.putArray("content");
        ReasoningDetails.blocks(message, false).forEach(content::add);
        text(message.path("content"), content);
        String refusal = Nodes.text(message, "refusal");
        if (!refusal.isEmpty()) {
            content.add(Nodes.textBlock(refusal));
        }
        boolean toolUse = false;
        for (JsonNode call : Nodes.array(message, "tool_calls")) {
            content.add(toolUse(call));
            toolUse = true;
        }
        String finish = refusal.isEmpty() ? Nodes.text(choice, "finish_reason") : "content_filter";
        out.put("stop_reason", StopReasons.toClaude(finish, toolUse));
        out.putNull("stop_sequence");
        out.set("usage", Tokens.fromOpenAi(in.path("usage")).toClaude());
        return Json.bytes(out);
    }

    private static void text(JsonNode content, ArrayNode blocks) {
        if (content.isTextual() && !content.textValue().isEmpty()) {
            blocks.add(Nodes.textBlock(content.textValue()));
        }
        for (JsonNode part : content.isArray() ? content : Nodes.newArray()) {
            Nodes.nonEmpty(part, "text").ifPresent(t -> blocks.add(Nodes.textBlock(t)));
        }
    }

    /** Arguments that are not a JSON object (a model's broken output) are kept, not lost, under a named key. */
    static ObjectNode toolUse(JsonNode call) {
        JsonNode function = call.path("function");
        ObjectNode block = Json.object().put("type", "tool_use").put("id", Nodes.text(call, "id"))
                .put("name", Nodes.text(function, "name"));
        block.set("input", arguments(Nodes.text(function, "arguments")));
        return block;
    }

    static JsonNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        return Nodes.parse(arguments).filter(JsonNode::isObject)
                .orElseGet(() -> Json.object().put("_raw_arguments", arguments));
    }
}
