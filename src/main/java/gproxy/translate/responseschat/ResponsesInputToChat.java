package gproxy.translate.responseschat;

import gproxy.translate.Nodes;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Responses {@code input} items → Chat messages. Function calls join the assistant message right
 * before them (a Chat assistant turn holds its text and its calls together), outputs become tool
 * messages. Reasoning items are dropped: Chat has no way to send reasoning back. Built-in tool
 * calls (web search, …) have no Chat form and are dropped too.
 */
final class ResponsesInputToChat {
    private ResponsesInputToChat() {
    }

    static void append(JsonNode input, ArrayNode messages) {
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String type = Nodes.text(item, "type").orElse(item.has("role") ? "message" : "");
            switch (type) {
                case "message" -> messages.add(message(item, i));
                case "function_call" -> call(item, i, messages);
                case "function_call_output" -> messages.add(output(item, i));
                case "item_reference" -> throw GatewayException.invalid("input[" + i + "]",
                        "item_reference needs the Responses API's stored items, which this upstream does not keep");
                default -> {
                    // reasoning, built-in tool calls and unknown items: nothing a Chat upstream can take
                }
            }
        }
    }

    private static ObjectNode message(JsonNode item, int index) {
        String role = Nodes.text(item, "role").orElseThrow(() -> GatewayException.invalid("input[" + index + "].role", "must be present"));
        ObjectNode message = Json.object().put("role", role);
        JsonNode content = item.path("content");
        if (content.isTextual()) {
            return message.put("content", content.asText());
        }
        if (role.equals("assistant")) {
            return assistant(message, content);
        }
        ArrayNode parts = message.putArray("content");
        for (JsonNode part : content) {
            ResponsesPartsToChat.part(part).ifPresent(parts::add);
        }
        return message;
    }

    private static ObjectNode assistant(ObjectNode message, JsonNode content) {
        StringBuilder text = new StringBuilder();
        Optional<String> refusal = Optional.empty();
        for (JsonNode part : content) {
            Nodes.text(part, "text").ifPresent(text::append);
            refusal = refusal.or(() -> Nodes.text(part, "refusal"));
        }
        message.put("content", text.toString());
        refusal.ifPresent(r -> message.put("refusal", r));
        return message;
    }

    private static void call(JsonNode item, int index, ArrayNode messages) {
        JsonNode last = messages.isEmpty() ? Json.object() : messages.get(messages.size() - 1);
        ObjectNode assistant = Nodes.text(last, "role").filter("assistant"::equals).isPresent()
                ? (ObjectNode) last : messages.addObject().put("role", "assistant").putNull("content");
        ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls");
        String callId = Nodes.text(item, "call_id").orElseThrow(() -> GatewayException.invalid("input[" + index + "].call_id", "must be present"));
        ObjectNode call = calls.addObject().put("id", callId).put("type", "function");
        call.putObject("function").put("name", Nodes.text(item, "name").orElse("")).put("arguments", Nodes.text(item, "arguments").orElse("{}"));
    }

    private static ObjectNode output(JsonNode item, int index) {
        String callId = Nodes.text(item, "call_id").orElseThrow(() -> GatewayException.invalid("input[" + index + "].call_id", "must be present"));
        ObjectNode message = Json.object().put("role", "tool").put("tool_call_id", callId);
        JsonNode output = item.path("output");
        if (output.isTextual()) {
            return message.put("content", output.asText());
        }
        ArrayNode parts = message.putArray("content"); // Chat tool results hold text parts only
        output.forEach(p -> Nodes.text(p, "text").ifPresent(t -> parts.addObject().put("type", "text").put("text", t)));
        return message;
    }
}
