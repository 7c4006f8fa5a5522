package gproxy.translate.responsesgemini;

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
 * Gemini {@code contents} → Responses input items. A model turn becomes, in its order, reasoning
 * items, assistant messages and {@code function_call} items; a user turn one
 * {@code function_call_output} per {@code functionResponse} and then one user message for the rest.
 * Gemini history often has no call ids: a response is matched to the oldest unanswered call of the
 * same name, and calls without ids get one derived from their position, which stays put as turns are
 * appended. Thought parts go back only when their signature carries an OpenAI reasoning item we
 * handed out ({@link Signatures}); OpenAI cannot take other reasoning back.
 */
final class GeminiContentsToResponses {
    /** A call of the latest model turn that has no response yet. */
    private record Pending(String name, String callId) {
    }

    private GeminiContentsToResponses() {
    }

    static ArrayNode convert(JsonNode contents) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            if (Nodes.text(content, "role").orElse("user").equals("model")) {
                pending.clear();
                model(content, i, pending, items);
            } else {
                user(content, i, pending, items);
            }
        }
        return items;
    }

    private static void model(JsonNode content, int index, List<Pending> pending, ArrayNode items) {
        ArrayNode text = Json.MAPPER.createArrayNode();
        for (JsonNode part : Nodes.elements(content, "parts")) {
            if (part.path("thought").asBoolean(false)) {
                flush(text, items);
                reasoning(part).ifPresent(items::add);
                continue;
            }
            Nodes.text(part, "text").filter(t -> !t.isEmpty()).ifPresent(t -> text.add(outputText(t)));
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                flush(text, items);
                String name = Nodes.text(call, "name").orElseThrow(() -> missingName(index, "functionCall"));
                String callId = Nodes.text(call, "id").orElseGet(() -> CallIds.synthesize("contents/" + index + "/" + name + "/" + pending.size()));
                pending.add(new Pending(name, callId));
                items.addObject().put("type", "function_call").put("call_id", callId).put("name", name)
                        .put("arguments", Json.text(call.path("args").isObject() ? call.get("args") : Json.object()));
            }
        }
        flush(text, items);
    }

    private static Optional<ObjectNode> reasoning(JsonNode part) {
        return Nodes.text(part, "thoughtSignature").flatMap(Signatures::openAiEncryptedContent).map(encrypted -> {
            ObjectNode item = Json.object().put("type", "reasoning");
            ArrayNode summary = item.putArray("summary");
            Nodes.text(part, "text").filter(t -> !t.isEmpty()).ifPresent(t -> summary.addObject().put("type", "summary_text").put("text", t));
            return item.put("encrypted_content", encrypted);
        });
    }

    private static void flush(ArrayNode text, ArrayNode items) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode message = items.addObject().put("type", "message").put("role", "assistant");
        message.set("content", text.deepCopy());
        text.removeAll();
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static void user(JsonNode content, int index, List<Pending> pending, ArrayNode items) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        for (JsonNode part : Nodes.elements(content, "parts")) {
            JsonNode response = part.path("functionResponse");
            if (response.isObject()) {
                items.add(output(response, index, pending));
                continue;
            }
            GeminiPartsToResponses.userPart(part).ifPresent(parts::add);
        }
        if (!parts.isEmpty()) {
            items.addObject().put("type", "message").put("role", "user").set("content", parts);
        }
    }

    private static ObjectNode output(JsonNode response, int index, List<Pending> pending) {
        String name = Nodes.text(response, "name").orElseThrow(() -> missingName(index, "functionResponse"));
        String callId = claim(pending, Nodes.text(response, "id"), name).orElseThrow(() -> GatewayException.invalid(
                "contents[" + index + "].parts.functionResponse",
                "answers no functionCall of the preceding model turn (expected: a call with the same name or id)"));
        return Json.object().put("type", "function_call_output").put("call_id", callId).put("output", resultText(response.path("response")));
    }

    /** Takes the call a response answers: by Gemini id when it has one, else the oldest of that name. */
    private static Optional<String> claim(List<Pending> pending, Optional<String> id, String name) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (id.map(p.callId()::equals).orElse(p.name().equals(name))) {
                it.remove();
                return Optional.of(p.callId());
            }
        }
        return id; // an id from an older turn: the upstream will judge it
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
