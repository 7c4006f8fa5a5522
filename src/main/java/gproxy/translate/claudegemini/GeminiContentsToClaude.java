package gproxy.translate.claudegemini;

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
 * Gemini {@code contents} → Claude {@code messages}: model turns are assistant messages, user turns
 * user messages, consecutive turns of one role merged. {@code functionCall} is {@code tool_use},
 * {@code functionResponse} a {@code tool_result} placed first in its user message (Claude wants the
 * results right after the calls). Gemini history often has no call ids: a response answers the
 * oldest unanswered call of its name, and a call without id gets one derived from its position,
 * which stays put as turns are appended. Consecutive thought parts are one thinking block signed by
 * the signature on the last of them (as a streamed thinking block arrives); thoughts with no
 * signature are dropped (Claude rejects unsigned thinking), as are executable code and unknown parts.
 */
final class GeminiContentsToClaude {
    /** A call of the latest model turn that has no response yet. */
    private record Pending(String name, String id) {
    }

    private GeminiContentsToClaude() {
    }

    static ArrayNode messages(JsonNode contents) {
        ArrayNode messages = Nodes.array();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (Nodes.text(content, "role").orElse("user").equals("model")) {
                pending.clear();
                append(messages, "assistant", assistant(content, i, pending));
            } else {
                append(messages, "user", user(content, i, pending));
            }
        }
        return messages;
    }

    private static void append(ArrayNode messages, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? Json.object() : messages.get(messages.size() - 1);
        if (Nodes.text(last, "role").filter(role::equals).isPresent()) {
            blocks.forEach(((ArrayNode) last.get("content"))::add);
            return;
        }
        ArrayNode content = messages.addObject().put("role", role).putArray("content");
        blocks.forEach(content::add);
    }

    private static List<ObjectNode> assistant(JsonNode content, int index, List<Pending> pending) {
        List<ObjectNode> blocks = new ArrayList<>();
        StringBuilder thought = new StringBuilder(); // a streamed thought: its text in parts, the signature on the last
        for (JsonNode part : Nodes.elements(content, "parts")) {
            JsonNode call = part.path("functionCall");
            if (part.path("thought").asBoolean(false)) {
                thought.append(Nodes.text(part, "text").orElse(""));
                Optional<String> signature = Nodes.nonEmpty(part, "thoughtSignature");
                signature.ifPresent(s -> blocks.add(thinking(thought.toString(), s)));
                if (signature.isPresent()) {
                    thought.setLength(0);
                }
                continue;
            }
            thought.setLength(0); // unsigned: Claude would reject it
            if (call.isObject()) {
                String name = Nodes.text(call, "name").orElseThrow(() -> missingName(index, "functionCall"));
                String id = Nodes.nonEmpty(call, "id").orElseGet(() -> ToolIds.synthesize("contents/" + index + "/" + name + "/" + pending.size()));
                pending.add(new Pending(name, id));
                ObjectNode block = Json.object().put("type", "tool_use").put("id", id).put("name", name);
                block.set("input", call.path("args").isObject() ? call.get("args") : Json.object());
                blocks.add(block);
            } else {
                Nodes.nonEmpty(part, "text").ifPresent(t -> blocks.add(text(t)));
            }
        }
        return blocks;
    }

    private static ObjectNode thinking(String text, String signature) {
        Optional<String> redacted = Signatures.redactedData(signature);
        if (redacted.isPresent()) {
            return Json.object().put("type", "redacted_thinking").put("data", redacted.get());
        }
        return Json.object().put("type", "thinking").put("thinking", text).put("signature", signature);
    }

    private static List<ObjectNode> user(JsonNode content, int index, List<Pending> pending) {
        List<ObjectNode> results = new ArrayList<>();
        List<ObjectNode> rest = new ArrayList<>();
        for (JsonNode part : Nodes.elements(content, "parts")) {
            JsonNode response = part.path("functionResponse");
            if (response.isObject()) {
                results.add(toolResult(response, index, pending));
            } else if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                Nodes.nonEmpty(part, "text").ifPresent(t -> rest.add(text(t)));
            } else {
                Media.claudeBlock(part).ifPresent(rest::add);
            }
        }
        results.addAll(rest);
        return results;
    }

    private static ObjectNode toolResult(JsonNode response, int index, List<Pending> pending) {
        String name = Nodes.text(response, "name").orElseThrow(() -> missingName(index, "functionResponse"));
        String id = claim(pending, Nodes.nonEmpty(response, "id"), name).orElseThrow(() -> GatewayException.invalid(
                "contents[" + index + "].parts.functionResponse",
                "answers no functionCall of the preceding model turn (expected: a call with the same name or id)"));
        JsonNode body = response.path("response");
        ObjectNode block = Json.object().put("type", "tool_result").put("tool_use_id", id);
        if (body.size() == 1 && body.path("error").isTextual()) {
            block.put("content", body.get("error").asText()).put("is_error", true);
        } else {
            block.put("content", resultText(body));
        }
        return block;
    }

    /** Takes the call a response answers: by id when it has one, else the oldest of that name. */
    private static Optional<String> claim(List<Pending> pending, Optional<String> id, String name) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (id.map(p.id()::equals).orElse(p.name().equals(name))) {
                it.remove();
                return Optional.of(p.id());
            }
        }
        return id; // an id from an older turn: Claude will judge it
    }

    /** {@code {"output": "text"}} is the usual wrapper of a plain result: unwrap it, else send the JSON. */
    private static String resultText(JsonNode response) {
        if (response.size() == 1 && response.has("output")) {
            JsonNode output = response.get("output");
            return output.isTextual() ? output.asText() : Json.text(output);
        }
        return Json.text(response.isObject() ? response : Json.object());
    }

    private static ObjectNode text(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    private static GatewayException missingName(int index, String what) {
        return GatewayException.invalid("contents[" + index + "].parts." + what + ".name", "must be present");
    }
}
