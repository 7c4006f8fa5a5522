package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Chat messages → Gemini {@code contents} and {@code systemInstruction}. System and developer
 * messages all go to the one system instruction (Gemini has no system turn mid-conversation).
 * Consecutive messages of one Gemini role merge into one content, so parallel tool results form
 * one user turn with one {@code functionResponse} per call, in order. A tool result names no
 * function in Chat, only a call id: the name is looked up from the assistant call it answers.
 */
final class ChatMessagesToGemini {
    /** The converted conversation. */
    record Converted(ArrayNode contents, ArrayNode system) {
    }

    private ChatMessagesToGemini() {
    }

    static Converted convert(JsonNode messages, SignatureFallback fallback) {
        ArrayNode contents = Json.MAPPER.createArrayNode();
        ArrayNode system = Json.MAPPER.createArrayNode();
        Map<String, String> callNames = new HashMap<>();
        for (int n = 0; n < messages.size(); n++) {
            int i = n;
            JsonNode message = messages.get(i);
            String role = Nodes.text(message, "role").orElseThrow(() -> GatewayException.invalid("messages[" + i + "].role", "must be present"));
            switch (role) {
                case "system", "developer" -> ChatPartsToGemini.texts(message.path("content")).forEach(system::add);
                case "user" -> append(contents, "user", ChatPartsToGemini.user(message.path("content"), i));
                case "assistant" -> append(contents, "model", assistant(message, i, callNames, fallback));
                case "tool" -> append(contents, "user", List.of(toolResult(message, i, callNames)));
                case "function" -> append(contents, "user", List.of(functionResult(message, i)));
                default -> throw GatewayException.invalid("messages[" + i + "].role",
                        "unknown (expected: system, developer, user, assistant or tool)");
            }
        }
        return new Converted(contents, system);
    }

    private static void append(ArrayNode contents, String role, List<ObjectNode> parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? Json.object() : contents.get(contents.size() - 1);
        ArrayNode target = Nodes.text(last, "role").filter(role::equals).isPresent() ? (ArrayNode) last.get("parts")
                : contents.addObject().put("role", role).putArray("parts");
        parts.forEach(target::add);
    }

    private static List<ObjectNode> assistant(JsonNode message, int index, Map<String, String> callNames, SignatureFallback fallback) {
        List<ObjectNode> parts = new ArrayList<>();
        ChatPartsToGemini.texts(message.path("content")).forEach(parts::add);
        Nodes.text(message, "refusal").ifPresent(r -> parts.add(ChatToGeminiParts.text(r)));
        boolean signed = false;
        for (JsonNode call : Nodes.elements(message, "tool_calls")) {
            JsonNode function = call.path("function");
            String id = Nodes.text(call, "id").orElse("");
            String name = Nodes.text(function, "name").orElseThrow(() -> GatewayException.invalid(
                    "messages[" + index + "].tool_calls.function.name", "must be present"));
            callNames.put(id, name);
            ObjectNode part = Json.object();
            ObjectNode functionCall = part.putObject("functionCall");
            ToolCallIds.GeminiCall carried = ToolCallIds.read(id).orElse(new ToolCallIds.GeminiCall(Optional.empty(), Optional.empty()));
            carried.id().ifPresent(gid -> functionCall.put("id", gid));
            functionCall.put("name", name);
            functionCall.set("args", ChatArguments.parse(Nodes.text(function, "arguments").orElse("")));
            // Gemini signs the first call of a step only; the placeholder goes where a signature must be.
            Optional<String> signature = signed ? carried.signature() : carried.signature().or(fallback::placeholder);
            signature.ifPresent(s -> part.put("thoughtSignature", s));
            signed = true;
            parts.add(part);
        }
        return parts;
    }

    private static ObjectNode toolResult(JsonNode message, int index, Map<String, String> callNames) {
        String id = Nodes.text(message, "tool_call_id").orElseThrow(() -> GatewayException.invalid(
                "messages[" + index + "].tool_call_id", "must be present"));
        String name = callNames.get(id);
        if (name == null) {
            throw GatewayException.invalid("messages[" + index + "].tool_call_id",
                    "matches no earlier assistant tool call (Gemini needs the function's name)");
        }
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse");
        ToolCallIds.read(id).flatMap(ToolCallIds.GeminiCall::id).ifPresent(gid -> response.put("id", gid));
        response.put("name", name);
        response.set("response", ChatPartsToGemini.result(message.path("content")));
        return part;
    }

    private static ObjectNode functionResult(JsonNode message, int index) {
        String name = Nodes.text(message, "name").orElseThrow(() -> GatewayException.invalid("messages[" + index + "].name", "must be present"));
        ObjectNode part = Json.object();
        part.putObject("functionResponse").put("name", name).set("response", ChatPartsToGemini.result(message.path("content")));
        return part;
    }
}
