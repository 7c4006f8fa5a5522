package gproxy.translate.synthetic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * A Claude {@code message} as the events Anthropic streams: {@code message_start} (no content yet,
 * the input usage), per content block {@code content_block_start}, its delta ({@code text_delta},
 * {@code thinking_delta} + {@code signature_delta}, {@code input_json_delta} with the whole input)
 * and {@code content_block_stop}; blocks without a delta form (redacted thinking, server tool
 * results) start whole. Then {@code message_delta} with the stop reason and the usage, and
 * {@code message_stop}.
 */
final class ClaudeSynthesizer {
    private ClaudeSynthesizer() {
    }

    static List<SseEvent> events(ObjectNode message) {
        List<SseEvent> out = new ArrayList<>();
        ObjectNode start = message.deepCopy();
        start.put("type", "message").put("role", "assistant");
        start.putArray("content");
        start.putNull("stop_reason").putNull("stop_sequence");
        ObjectNode startUsage = message.path("usage").isObject() ? message.get("usage").deepCopy() : Json.object();
        startUsage.put("output_tokens", 0);
        start.set("usage", startUsage);
        out.add(event("message_start", Json.object().set("message", start)));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            block(out, index++, block);
        }
        ObjectNode delta = Json.object();
        delta.set("stop_reason", message.path("stop_reason").isTextual() ? message.get("stop_reason")
                : Json.MAPPER.getNodeFactory().textNode("end_turn"));
        delta.set("stop_sequence", message.path("stop_sequence").isTextual() ? message.get("stop_sequence")
                : Json.MAPPER.getNodeFactory().nullNode());
        ObjectNode end = Json.object();
        end.set("delta", delta);
        end.set("usage", message.path("usage").isObject() ? message.get("usage") : Json.object().put("output_tokens", 0));
        out.add(event("message_delta", end));
        out.add(event("message_stop", Json.object()));
        return out;
    }

    private static void block(List<SseEvent> out, int index, JsonNode block) {
        String type = block.path("type").asText();
        ObjectNode start = switch (type) {
            case "text" -> Json.object().put("type", "text").put("text", "");
            case "thinking" -> Json.object().put("type", "thinking").put("thinking", "").put("signature", "");
            case "tool_use", "server_tool_use" -> {
                ObjectNode s = Json.object().put("type", type).put("id", block.path("id").asText())
                        .put("name", block.path("name").asText());
                s.putObject("input");
                yield s;
            }
            default -> block.deepCopy();
        };
        out.add(event("content_block_start", Json.object().put("index", index).set("content_block", start)));
        switch (type) {
            case "text" -> delta(out, index, Json.object().put("type", "text_delta")
                    .put("text", block.path("text").asText()));
            case "thinking" -> {
                delta(out, index, Json.object().put("type", "thinking_delta")
                        .put("thinking", block.path("thinking").asText()));
                if (!block.path("signature").asText().isEmpty()) {
                    delta(out, index, Json.object().put("type", "signature_delta")
                            .put("signature", block.path("signature").asText()));
                }
            }
            case "tool_use", "server_tool_use" -> delta(out, index, Json.object().put("type", "input_json_delta")
                    .put("partial_json", Json.text(block.path("input").isObject() ? block.get("input") : Json.object())));
            default -> { } // started whole
        }
        out.add(event("content_block_stop", Json.object().put("index", index)));
    }

    private static void delta(List<SseEvent> out, int index, ObjectNode delta) {
        out.add(event("content_block_delta", Json.object().put("index", index).set("delta", delta)));
    }

    private static SseEvent event(String type, ObjectNode body) {
        ObjectNode event = Json.object().put("type", type);
        event.setAll(body);
        return SseEvent.of(type, Json.text(event));
    }
}
