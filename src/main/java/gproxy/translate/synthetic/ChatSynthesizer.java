package gproxy.translate.synthetic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * A {@code chat.completion} as the chunks OpenAI streams: per choice a chunk with the role and the
 * message's text fields ({@code content}, {@code reasoning_content}, {@code refusal}), one with its
 * tool calls (indexed, arguments whole), one with the {@code finish_reason}; then the usage-only
 * chunk ({@code choices: []}) and {@code [DONE]}.
 */
final class ChatSynthesizer {
    private static final List<String> TEXT_FIELDS = List.of("content", "reasoning_content", "refusal");

    private ChatSynthesizer() {
    }

    static List<SseEvent> events(ObjectNode completion) {
        List<SseEvent> out = new ArrayList<>();
        for (JsonNode choice : completion.path("choices")) {
            int index = choice.path("index").asInt(out.size());
            JsonNode message = choice.path("message");
            ObjectNode delta = Json.object().put("role", "assistant");
            for (String field : TEXT_FIELDS) {
                if (message.path(field).isTextual()) {
                    delta.put(field, message.get(field).textValue());
                }
            }
            out.add(chunk(completion, choice(index, delta).putNull("finish_reason")));
            if (message.path("tool_calls").isArray() && !message.get("tool_calls").isEmpty()) {
                out.add(chunk(completion, choice(index, Json.object().set("tool_calls",
                        toolCalls(message.get("tool_calls")))).putNull("finish_reason")));
            }
            ObjectNode finish = choice(index, Json.object());
            finish.put("finish_reason", choice.path("finish_reason").isTextual()
                    ? choice.get("finish_reason").textValue() : "stop");
            out.add(chunk(completion, finish));
        }
        if (completion.path("usage").isObject()) {
            ObjectNode usage = chunk(completion);
            usage.putArray("choices");
            usage.set("usage", completion.get("usage"));
            out.add(SseEvent.data(Json.text(usage)));
        }
        out.add(SseEvent.data("[DONE]"));
        return out;
    }

    private static ArrayNode toolCalls(JsonNode calls) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        int i = 0;
        for (JsonNode call : calls) {
            ObjectNode c = ((ObjectNode) call.deepCopy()).put("index", i++);
            out.add(c);
        }
        return out;
    }

    private static ObjectNode choice(int index, ObjectNode delta) {
        ObjectNode choice = Json.object().put("index", index);
        choice.set("delta", delta);
        return choice;
    }

    private static SseEvent chunk(ObjectNode completion, ObjectNode choice) {
        ObjectNode chunk = chunk(completion);
        chunk.putArray("choices").add(choice);
        return SseEvent.data(Json.text(chunk));
    }

    private static ObjectNode chunk(ObjectNode completion) {
        ObjectNode chunk = Json.object();
        chunk.put("id", completion.path("id").asText("chatcmpl-gproxy"));
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", completion.path("created").asLong(0));
        chunk.put("model", completion.path("model").asText(""));
        if (completion.path("system_fingerprint").isTextual()) {
            chunk.put("system_fingerprint", completion.get("system_fingerprint").textValue());
        }
        return chunk;
    }
}
