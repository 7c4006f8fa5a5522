package gproxy.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Anthropic Messages wire shapes (API reference "Messages", "Streaming Messages"): the message
 * object, and the stream message_start (input usage) → content_block_start → ping →
 * content_block_delta… → content_block_stop → message_delta (output usage, cumulative) →
 * message_stop, each with its {@code event:} line.
 */
final class ClaudeFakes {
    private static final String MESSAGE_ID = "msg_fake";

    private ClaudeFakes() {
    }

    static ObjectNode message(String model, String text, Usage usage) {
        ObjectNode message = base(model);
        ObjectNode block = message.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", text);
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        message.set("usage", usage(usage, usage.outputTokens()));
        return message;
    }

    static List<SseEvent> stream(String model, List<String> deltas, Usage usage) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = base(model);
        start.putArray("content");
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        // message_start reports the input and a provisional output count, as the API does.
        start.set("usage", usage(usage, Math.min(1, usage.outputTokens())));
        events.add(event("message_start", e -> e.set("message", start)));
        events.add(event("content_block_start", e -> e.put("index", 0).putObject("content_block")
                .put("type", "text").put("text", "")));
        events.add(event("ping", e -> { }));
        for (String delta : deltas) {
            events.add(event("content_block_delta", e -> e.put("index", 0).putObject("delta")
                    .put("type", "text_delta").put("text", delta)));
        }
        events.add(event("content_block_stop", e -> e.put("index", 0)));
        events.add(event("message_delta", e -> {
            e.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            e.putObject("usage").put("output_tokens", usage.outputTokens());
        }));
        events.add(event("message_stop", e -> { }));
        return events;
    }

    /** An error object; also what an {@code event: error} carries mid-stream. */
    static ObjectNode error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("type", "error");
        ObjectNode error = body.putObject("error");
        error.put("type", errorType(status));
        error.put("message", message);
        body.put("request_id", "req_fake");
        return body;
    }

    static SseEvent event(String type, java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode event = Json.object();
        event.put("type", type);
        fill.accept(event);
        return SseEvent.of(type, Json.text(event));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static ObjectNode base(String model) {
        ObjectNode message = Json.object();
        message.put("id", MESSAGE_ID);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        return message;
    }

    private static ObjectNode usage(Usage usage, int outputTokens) {
        ObjectNode u = Json.object();
        u.put("input_tokens", usage.uncachedInputTokens());
        u.put("cache_creation_input_tokens", 0);
        u.put("cache_read_input_tokens", usage.cachedInputTokens());
        u.put("output_tokens", outputTokens);
        u.put("service_tier", "standard");
        return u;
    }
}
