package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.json.Json;

/** One Chat choice of a stream being converted to Gemini: its tool call fragments and finish reason. */
final class ChatChoiceState {
    /** A tool call being assembled from its fragments. */
    private static final class Call {
        private String id = "";
        private String name = "";
        private final StringBuilder arguments = new StringBuilder();
    }

    private final TreeMap<Integer, Call> calls = new TreeMap<>();
    private Optional<String> finishReason = Optional.empty();

    /** Takes one chunk's choice; returns the parts that can go out now (text and thoughts). */
    ArrayNode absorb(JsonNode choice) {
        JsonNode delta = choice.path("delta");
        ArrayNode parts = Json.MAPPER.createArrayNode();
        ChatToGeminiParts.reasoning(delta).ifPresent(r -> parts.add(ChatToGeminiParts.thought(r)));
        String text = ChatToGeminiParts.text(delta);
        if (!text.isEmpty()) {
            parts.add(ChatToGeminiParts.text(text));
        }
        for (JsonNode fragment : Nodes.elements(delta, "tool_calls")) {
            Call call = calls.computeIfAbsent(fragment.path("index").asInt(calls.size()), i -> new Call());
            Nodes.text(fragment, "id").ifPresent(id -> call.id = id);
            Nodes.text(fragment.path("function"), "name").ifPresent(n -> call.name = n);
            Nodes.text(fragment.path("function"), "arguments").ifPresent(call.arguments::append);
        }
        Nodes.text(choice, "finish_reason").ifPresent(r -> finishReason = Optional.of(r));
        return parts;
    }

    boolean finished() {
        return finishReason.isPresent();
    }

    Optional<String> finishReason() {
        return finishReason;
    }

    /** The assembled calls as whole {@code functionCall} parts, in index order. */
    ArrayNode calls() {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        calls.values().forEach(c -> parts.add(ChatToGeminiParts.functionCall(c.id, c.name, c.arguments.toString())));
        return parts;
    }
}
