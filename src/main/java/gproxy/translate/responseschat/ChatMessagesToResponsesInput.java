package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Chat messages → Responses input items: a message item per message (assistant text as
 * {@code output_text}, user parts as {@code input_*}), a {@code function_call} item per assistant
 * tool call right after its message, a {@code function_call_output} item per tool message. Chat's
 * {@code input_audio} has no Responses input part and is dropped; reasoning a Chat client echoes
 * back ({@code reasoning_content}) cannot be replayed and is dropped.
 */
final class ChatMessagesToResponsesInput {
    private ChatMessagesToResponsesInput() {
    }

    static ArrayNode convert(JsonNode messages) {
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            int index = i;
            String role = Nodes.text(message, "role").orElseThrow(() -> GatewayException.invalid("messages[" + index + "].role", "must be present"));
            switch (role) {
                case "system", "developer", "user" -> input.add(message(role, message.path("content")));
                case "assistant" -> assistant(message, index, input);
                case "tool" -> input.add(output(message, index));
                default -> throw GatewayException.invalid("messages[" + i + "].role",
                        "unknown (expected: system, developer, user, assistant or tool)");
            }
        }
        return input;
    }

    private static ObjectNode message(String role, JsonNode content) {
        ObjectNode item = Json.object().put("type", "message").put("role", role);
        if (content.isTextual()) {
            return item.put("content", content.asText());
        }
        ArrayNode parts = item.putArray("content");
        content.forEach(p -> ChatPartsToResponses.part(p).ifPresent(parts::add));
        return item;
    }

    private static void assistant(JsonNode message, int index, ArrayNode input) {
        ArrayNode content = Json.MAPPER.createArrayNode();
        JsonNode text = message.path("content");
        if (text.isTextual() && !text.asText().isEmpty()) {
            content.add(ResponseEnvelope.outputText(text.asText()).without("logprobs"));
        }
        text.forEach(p -> Nodes.text(p, "text").ifPresent(t -> content.add(ResponseEnvelope.outputText(t).without("logprobs"))));
        Nodes.text(message, "refusal").ifPresent(r -> content.add(ResponseEnvelope.refusal(r)));
        if (!content.isEmpty()) {
            ObjectNode item = input.addObject().put("type", "message").put("role", "assistant");
            item.set("content", content);
        }
        for (JsonNode call : Nodes.elements(message, "tool_calls")) {
            JsonNode function = call.path("function");
            String callId = Nodes.text(call, "id").orElseThrow(() -> GatewayException.invalid("messages[" + index + "].tool_calls.id", "must be present"));
            input.addObject().put("type", "function_call").put("call_id", callId)
                    .put("name", Nodes.text(function, "name").orElse("")).put("arguments", Nodes.text(function, "arguments").orElse("{}"));
        }
    }

    private static ObjectNode output(JsonNode message, int index) {
        String callId = Nodes.text(message, "tool_call_id").orElseThrow(() -> GatewayException.invalid(
                "messages[" + index + "].tool_call_id", "must be present"));
        JsonNode content = message.path("content");
        StringBuilder text = new StringBuilder(content.isTextual() ? content.asText() : "");
        content.forEach(p -> Nodes.text(p, "text").ifPresent(text::append));
        return Json.object().put("type", "function_call_output").put("call_id", callId).put("output", text.toString());
    }
}
