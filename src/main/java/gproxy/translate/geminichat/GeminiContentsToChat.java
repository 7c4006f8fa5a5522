package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

/**
 * Gemini {@code contents} → Chat messages. A model turn becomes one assistant message (text and
 * tool calls); a user turn becomes one tool message per {@code functionResponse} (Chat wants them
 * right after the assistant's calls) and then one user message for the rest. Gemini history often
 * has no call ids: a response is matched to the oldest unanswered call of the same name, and calls
 * without ids get one derived from their position, which stays put as turns are appended.
 */
final class GeminiContentsToChat {
    /** A call of the latest model turn that has no response yet. */
    private record Pending(String name, String id) {
    }

    private GeminiContentsToChat() {
    }

    static void append(JsonNode contents, ArrayNode messages) {
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = Nodes.text(content, "role").orElse("user");
            if (role.equals("model")) {
                pending.clear();
                messages.add(assistant(content, i, pending));
            } else {
                user(content, i, pending, messages);
            }
        }
    }

    private static ObjectNode assistant(JsonNode content, int index, List<Pending> pending) {
        ObjectNode message = Json.object().put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.MAPPER.createArrayNode();
        List<JsonNode> parts = Nodes.elements(content, "parts");
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            if (part.path("thought").asBoolean(false)) {
                continue; // a Chat upstream cannot take thoughts back
            }
            Nodes.text(part, "text").ifPresent(text::append);
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                String name = Nodes.text(call, "name").orElseThrow(() -> missingName(index, "functionCall"));
                String id = Nodes.text(call, "id").orElseGet(() -> ToolCallIds.synthesize("contents/" + index + "/" + name + "/" + pending.size()));
                pending.add(new Pending(name, id));
                ObjectNode c = calls.addObject().put("id", id).put("type", "function");
                c.putObject("function").put("name", name).put("arguments", Json.text(call.path("args").isObject() ? call.get("args") : Json.object()));
            }
        }
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static void user(JsonNode content, int index, List<Pending> pending, ArrayNode messages) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (JsonNode part : Nodes.elements(content, "parts")) {
            JsonNode response = part.path("functionResponse");
            if (response.isObject()) {
                messages.add(toolMessage(response, index, pending));
                continue;
            }
            GeminiPartsToChat.userPart(part).ifPresent(parts::add);
        }
        if (parts.isEmpty()) {
            return;
        }
        ObjectNode message = messages.addObject().put("role", "user");
        if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
            message.put("content", parts.get(0).get("text").asText());
        } else {
            message.set("content", parts);
        }
    }

    private static ObjectNode toolMessage(JsonNode response, int index, List<Pending> pending) {
        String name = Nodes.text(response, "name").orElseThrow(() -> missingName(index, "functionResponse"));
        String id = claim(pending, Nodes.text(response, "id"), name).orElseThrow(() -> GatewayException.invalid(
                "contents[" + index + "].parts.functionResponse",
                "answers no functionCall of the preceding model turn (expected: a call with the same name or id)"));
        return Json.object().put("role", "tool").put("tool_call_id", id).put("content", resultText(response.path("response")));
    }

    /** Takes the call a response answers: by Gemini id when it has one, else the oldest of that name. */
    private static Optional<String> claim(List<Pending> pending, Optional<String> id, String name) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (id.map(p.id()::equals).orElse(p.name().equals(name))) {
                it.remove();
                return Optional.of(p.id());
            }
        }
        return id; // an id from an older turn: Chat will judge it
    }

    /** {@code {"output": "text"}} is the usual wrapper of a plain result: unwrap it, else send the JSON. */
    static String resultText(JsonNode response) {
        if (response.size() == 1 && response.has("output")) {
            JsonNode output = response.get("output");
            return output.isTextual() ? output.asText() : Json.text(output);
        }
        return Json.text(response.isObject() ? response : Json.object());
    }

    private static GatewayException missingName(int index, String what) {
        return GatewayException.invalid("contents[" + index + "].parts." + what + ".name", "must be present");
    }
}
