package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * An OpenAI Responses {@code response} → an OpenAI Chat completion with one choice: message text
 * and refusals joined, function calls as tool calls, reasoning summaries (or reasoning text) as
 * {@code reasoning_content}. Built-in tool call items have no Chat form and are dropped. A response
 * that failed has no completion to give: it is a 502 whose message names the upstream's error code.
 */
final class ResponsesToOpenAiChatResponse implements Translation.ResponseTranslator {

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode response = Json.parse(upstreamBody);
        if (Nodes.text(response, "status").filter("failed"::equals).isPresent()) {
            String code = Nodes.text(response.path("error"), "code").orElse("unknown");
            throw new GatewayException(502, "upstream_failed", "upstream response failed (" + code + ")");
        }
        ObjectNode out = Json.object();
        out.put("id", "chatcmpl-" + Nodes.text(response, "id").map(ResponsesToOpenAiChatResponse::suffix).orElse("responses"));
        out.put("object", "chat.completion");
        out.put("created", response.path("created_at").asLong(0));
        out.put("model", context.clientModel());
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        ArrayNode calls = Json.MAPPER.createArrayNode();
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode item : Nodes.elements(response, "output")) {
            switch (Nodes.text(item, "type").orElse("")) {
                case "message" -> Nodes.elements(item, "content").forEach(p -> {
                    Nodes.text(p, "text").ifPresent(text::append);
                    Nodes.text(p, "refusal").ifPresent(refusal::append);
                });
                case "reasoning" -> reasoning(item, reasoning);
                case "function_call" -> calls.add(toolCall(item));
                default -> {
                    // built-in tool calls (web search, …): nothing a Chat client can read
                }
            }
        }
        message.put("content", text.isEmpty() && !calls.isEmpty() ? null : text.toString());
        if (!refusal.isEmpty()) {
            message.put("refusal", refusal.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.put("finish_reason", Outcome.toChat(response, !calls.isEmpty()));
        choice.putNull("logprobs");
        if (response.path("usage").isObject()) {
            out.set("usage", ResponsesUsage.toChat(response.get("usage")));
        }
        return Json.bytes(out);
    }

    static String suffix(String responseId) {
        return responseId.startsWith("resp_") ? responseId.substring("resp_".length()) : responseId;
    }

    /** Summaries, else the raw reasoning text some upstreams send; summaries apart by a blank line. */
    static void reasoning(JsonNode item, StringBuilder out) {
        for (JsonNode part : Nodes.elements(item, "summary").isEmpty() ? Nodes.elements(item, "content") : Nodes.elements(item, "summary")) {
            Nodes.text(part, "text").ifPresent(t -> out.append(out.isEmpty() ? "" : "\n\n").append(t));
        }
    }

    static ObjectNode toolCall(JsonNode item) {
        ObjectNode call = Json.object().put("id", Nodes.text(item, "call_id").orElse("")).put("type", "function");
        call.putObject("function").put("name", Nodes.text(item, "name").orElse("")).put("arguments", Nodes.text(item, "arguments").orElse(""));
        return call;
    }
}
