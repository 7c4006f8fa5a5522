package gproxy.translate.responsesgemini;

import gproxy.translate.Nodes;
import gproxy.translate.gemini.StrictJson;
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
 * Responses {@code input} items → Gemini {@code contents} and system parts. System and developer
 * messages go to the one system instruction (Gemini has no system turn mid-conversation).
 * Consecutive items of one Gemini role merge into one content, so an assistant message, its
 * reasoning and its function calls form one model turn, and parallel outputs one user turn with a
 * {@code functionResponse} per call, in order. An output names no function, only a call id: the
 * name is looked up from the call it answers. Reasoning items become thought parts with the Gemini
 * signature they carried back ({@link Signatures}); a foreign {@code encrypted_content} is dropped.
 */
final class ResponsesInputToGemini {
    /** The converted conversation. */
    record Converted(ArrayNode contents, ArrayNode system) {
    }

    private final ArrayNode contents = Json.MAPPER.createArrayNode();
    private final ArrayNode system = Json.MAPPER.createArrayNode();
    private final Map<String, String> callNames = new HashMap<>();
    private final Optional<String> placeholder;
    /** A signature whose reasoning item had no text: it goes on the model part next to it. */
    private Optional<String> pendingSignature = Optional.empty();

    private ResponsesInputToGemini(String upstreamModel) {
        this.placeholder = Signatures.placeholder(upstreamModel);
    }

    static Converted convert(JsonNode input, String upstreamModel) {
        ResponsesInputToGemini converter = new ResponsesInputToGemini(upstreamModel);
        for (int i = 0; i < input.size(); i++) {
            converter.item(input.get(i), i);
        }
        converter.pendingSignature.ifPresent(converter::signLastModelPart);
        return new Converted(converter.contents, converter.system);
    }

    private void item(JsonNode item, int i) {
        String type = Nodes.text(item, "type").orElse(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, i);
            case "function_call" -> call(item, i);
            case "function_call_output" -> append("user", output(item, i));
            case "reasoning" -> reasoning(item);
            case "item_reference" -> throw GatewayException.invalid("input[" + i + "]",
                    "item_reference needs the Responses API's stored items, which a Gemini upstream does not keep");
            default -> {
                // built-in tool calls (web search, …) and unknown items: nothing Gemini can take
            }
        }
    }

    private void message(JsonNode item, int i) {
        String role = Nodes.text(item, "role").orElseThrow(() -> GatewayException.invalid("input[" + i + "].role", "must be present"));
        JsonNode content = item.path("content");
        switch (role) {
            case "system", "developer" -> ResponsesPartsToGemini.texts(content).forEach(system::add);
            case "user" -> ResponsesPartsToGemini.user(content).forEach(p -> append("user", p));
            case "assistant" -> ResponsesPartsToGemini.texts(content).forEach(p -> append("model", p));
            default -> throw GatewayException.invalid("input[" + i + "].role", "unknown (expected: system, developer, user or assistant)");
        }
    }

    private void call(JsonNode item, int i) {
        String callId = Nodes.text(item, "call_id").orElseThrow(() -> GatewayException.invalid("input[" + i + "].call_id", "must be present"));
        String name = Nodes.text(item, "name").orElseThrow(() -> GatewayException.invalid("input[" + i + "].name", "must be present"));
        callNames.put(callId, name);
        CallIds.Carried carried = CallIds.read(callId);
        boolean firstOfTurn = !lastModelTurnHasCall();
        ObjectNode part = Json.object();
        ObjectNode functionCall = part.putObject("functionCall");
        carried.id().ifPresent(id -> functionCall.put("id", id));
        functionCall.put("name", name);
        functionCall.set("args", arguments(Nodes.text(item, "arguments").orElse("")));
        // Gemini signs the first call of a step only; the placeholder goes where a signature must be.
        carried.signature().or(() -> firstOfTurn ? placeholder : Optional.empty()).ifPresent(s -> part.put("thoughtSignature", s));
        append("model", part);
    }

    private ObjectNode output(JsonNode item, int i) {
        String callId = Nodes.text(item, "call_id").orElseThrow(() -> GatewayException.invalid("input[" + i + "].call_id", "must be present"));
        String name = callNames.get(callId);
        if (name == null) {
            throw GatewayException.invalid("input[" + i + "].call_id", "matches no earlier function_call (Gemini needs the function's name)");
        }
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse");
        CallIds.read(callId).id().ifPresent(id -> response.put("id", id));
        response.put("name", name);
        response.set("response", ResponsesPartsToGemini.result(item.path("output")));
        return part;
    }

    private void reasoning(JsonNode item) {
        StringBuilder text = new StringBuilder();
        List<JsonNode> parts = Nodes.elements(item, "summary").isEmpty() ? Nodes.elements(item, "content") : Nodes.elements(item, "summary");
        parts.forEach(p -> Nodes.text(p, "text").ifPresent(t -> text.append(text.isEmpty() ? "" : "\n\n").append(t)));
        Optional<String> signature = Nodes.text(item, "encrypted_content").flatMap(Signatures::geminiSignature);
        if (!text.isEmpty()) {
            ObjectNode thought = Json.object().put("text", text.toString()).put("thought", true);
            signature.ifPresent(s -> thought.put("thoughtSignature", s));
            append("model", thought);
        } else if (signature.isPresent() && !signLastModelPart(signature.get())) {
            pendingSignature = signature;
        }
    }

    private static ObjectNode arguments(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        // models do emit broken arguments; Gemini holds objects only, so the raw text is kept
        return StrictJson.parse(arguments).filter(JsonNode::isObject).map(ObjectNode.class::cast)
                .orElseGet(() -> Json.object().put("arguments", arguments));
    }

    private void append(String role, ObjectNode part) {
        JsonNode last = contents.isEmpty() ? Json.object() : contents.get(contents.size() - 1);
        ArrayNode target = Nodes.text(last, "role").filter(role::equals).isPresent() ? (ArrayNode) last.get("parts")
                : contents.addObject().put("role", role).putArray("parts");
        if (role.equals("model") && pendingSignature.isPresent() && !part.has("thoughtSignature")) {
            part.put("thoughtSignature", pendingSignature.get());
        }
        if (role.equals("model")) {
            pendingSignature = Optional.empty();
        }
        target.add(part);
    }

    /** Puts a signature on the last part of the model turn being built, when it has none yet. */
    private boolean signLastModelPart(String signature) {
        JsonNode last = contents.isEmpty() ? Json.object() : contents.get(contents.size() - 1);
        if (!Nodes.text(last, "role").orElse("").equals("model") || last.path("parts").isEmpty()) {
            return false;
        }
        ObjectNode part = (ObjectNode) last.get("parts").get(last.get("parts").size() - 1);
        if (part.has("thoughtSignature")) {
            return false;
        }
        part.put("thoughtSignature", signature);
        return true;
    }

    private boolean lastModelTurnHasCall() {
        JsonNode last = contents.isEmpty() ? Json.object() : contents.get(contents.size() - 1);
        return Nodes.text(last, "role").orElse("").equals("model") && Nodes.elements(last, "parts").stream().anyMatch(p -> p.has("functionCall"));
    }
}
