package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * The parts of one Gemini candidate (whole, or one stream chunk of it) sorted into what Chat
 * carries: answer text, thought text ({@code reasoning_content}) and function calls as Chat tool
 * calls. Signatures on text and thought parts have no Chat field and are dropped; a function call's
 * signature rides in its tool call id ({@link ToolCallIds}).
 */
record GeminiCandidateParts(String text, String thoughts, List<ObjectNode> toolCalls) {

    /** {@code firstOrdinal}: how many calls the candidate made before these parts (a stream counts on). */
    static GeminiCandidateParts of(JsonNode candidate, String responseKey, int firstOrdinal) {
        StringBuilder text = new StringBuilder();
        StringBuilder thoughts = new StringBuilder();
        List<ObjectNode> calls = new ArrayList<>();
        int candidateIndex = candidate.path("index").asInt(0);
        for (JsonNode part : Nodes.elements(candidate.path("content"), "parts")) {
            Optional<String> t = Nodes.text(part, "text");
            if (t.isPresent()) {
                (part.path("thought").asBoolean(false) ? thoughts : text).append(t.get());
            }
            JsonNode call = part.path("functionCall");
            if (call.isObject()) {
                int ordinal = firstOrdinal + calls.size();
                String name = Nodes.text(call, "name").orElse("");
                JsonNode args = call.path("args").isObject() ? call.get("args") : Json.object();
                String seed = responseKey + "/" + candidateIndex + "/" + ordinal + "/" + name + "/" + Json.text(args);
                String id = ToolCallIds.issue(Nodes.text(call, "id"), Nodes.text(part, "thoughtSignature"), seed);
                calls.add(toolCall(id, name, Json.text(args)));
            }
        }
        return new GeminiCandidateParts(text.toString(), thoughts.toString(), List.copyOf(calls));
    }

    private static ObjectNode toolCall(String id, String name, String arguments) {
        ObjectNode call = Json.object().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return call;
    }

    /** The calls with their stream {@code index}, as a Chat delta carries them. */
    ArrayNode indexedCalls(int firstOrdinal) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int i = 0; i < toolCalls.size(); i++) {
            ObjectNode call = Json.object().put("index", firstOrdinal + i);
            call.setAll(toolCalls.get(i));
            out.add(call);
        }
        return out;
    }
}
