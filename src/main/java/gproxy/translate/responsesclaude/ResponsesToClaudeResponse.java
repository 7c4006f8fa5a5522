package gproxy.translate.responsesclaude;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses {@code response} → a Claude message, item by item in order: a reasoning item
 * becomes a thinking block (summary as its text, the item itself carried in its signature, see
 * {@link ReasoningCarry}), each {@code output_text} or {@code refusal} part a text block (annotations
 * dropped), each {@code function_call} a {@code tool_use} block. Built-in tool calls (web search,
 * file search, …) happened inside OpenAI and have no Claude client form: dropped, their text stays.
 * A {@code failed} response is a Claude error body.
 */
final class ResponsesToClaudeResponse {
    private ResponsesToClaudeResponse() {
    }

    static byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode in = Nodes.upstreamObject(upstreamBody);
        if (in.path("error").isObject() && !Nodes.has(in, "output")) {
            return Json.bytes(Errors.toClaude(in));
        }
        if (Nodes.text(in, "status").equals("failed")) {
            return Json.bytes(Errors.toClaude(in.path("error").isObject() ? in : Json.object()));
        }
        ArrayNode content = Nodes.newArray();
        boolean calls = false;
        boolean refused = false;
        for (JsonNode item : Nodes.array(in, "output")) {
            switch (Nodes.text(item, "type")) {
                case "reasoning" -> {
                    ObjectNode thinking = thinking(item);
                    if (!Nodes.text(thinking, "thinking").isEmpty() || !Nodes.text(thinking, "signature").isEmpty()) {
                        content.add(thinking); // an empty, unreturnable reasoning item says nothing
                    }
                }
                case "message" -> {
                    for (JsonNode part : Nodes.array(item, "content")) {
                        refused |= Nodes.text(part, "type").equals("refusal");
                        ResponsesPartsToClaude.block(part).ifPresent(content::add);
                    }
                }
                case "function_call" -> {
                    content.add(toolUse(item));
                    calls = true;
                }
                default -> { }
            }
        }
        ObjectNode out = Json.object();
        out.put("id", "msg_" + Nodes.nonEmpty(in, "id").map(id -> id.startsWith("resp_") ? id.substring(5) : id).orElse("gproxy"));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", context.clientModel());
        out.set("content", content);
        out.put("stop_reason", Outcome.toClaude(in, calls, refused));
        out.putNull("stop_sequence");
        out.set("usage", Tokens.fromResponses(in.path("usage")).toClaude());
        return Json.bytes(out);
    }

    static ObjectNode thinking(JsonNode item) {
        return Json.object().put("type", "thinking").put("thinking", ReasoningCarry.summary(item, "\n\n"))
                .put("signature", ReasoningCarry.signatureFor(Nodes.text(item, "id"), Nodes.text(item, "encrypted_content")));
    }

    static ObjectNode toolUse(JsonNode item) {
        ObjectNode block = Json.object().put("type", "tool_use")
                .put("id", ResponsesInputToClaude.toolId(Nodes.nonEmpty(item, "call_id").orElse(Nodes.text(item, "id"))))
                .put("name", Nodes.text(item, "name"));
        block.set("input", Nodes.arguments(Nodes.text(item, "arguments")));
        return block;
    }
}
