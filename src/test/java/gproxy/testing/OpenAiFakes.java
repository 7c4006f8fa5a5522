package gproxy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * OpenAI wire shapes (API reference: chat completion object and chunk, Responses object and
 * streaming events), with the fields the official SDKs require present.
 */
final class OpenAiFakes {
    static final long CREATED = 1_700_000_000L;

    private OpenAiFakes() {
    }

    static ObjectNode chat(String model, String text, Usage usage) {
        ObjectNode body = chatBase("chat.completion", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        body.set("usage", chatUsage(usage));
        return body;
    }

    /** Role chunk, one chunk per delta, the finish chunk, the usage chunk when asked, then [DONE]. */
    static List<SseEvent> chatStream(String model, List<String> deltas, Optional<Usage> usage) {
        List<SseEvent> events = new ArrayList<>();
        events.add(chunk(model, delta -> delta.put("role", "assistant").put("content", ""), null, usage));
        for (String text : deltas) {
            events.add(chunk(model, delta -> delta.put("content", text), null, usage));
        }
        events.add(chunk(model, delta -> { }, "stop", usage));
        usage.ifPresent(u -> {
            ObjectNode last = chatBase("chat.completion.chunk", model);
            last.putArray("choices");
            last.set("usage", chatUsage(u));
            events.add(SseEvent.data(Json.text(last)));
        });
        events.add(SseEvent.data("[DONE]"));
        return events;
    }

    static ObjectNode error(String type, Optional<String> code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        code.ifPresentOrElse(c -> error.put("code", c), () -> error.putNull("code"));
        return body;
    }

    static String errorType(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    static Optional<String> errorCode(int status) {
        return switch (status) {
            case 401 -> Optional.of("invalid_api_key");
            case 404 -> Optional.of("model_not_found");
            case 429 -> Optional.of("rate_limit_exceeded");
            default -> Optional.empty();
        };
    }

    private static SseEvent chunk(String model, Consumer<ObjectNode> delta, String finish,
            Optional<Usage> usage) {
        ObjectNode chunk = chatBase("chat.completion.chunk", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        // With stream_options.include_usage every chunk carries "usage": null until the last one.
        usage.ifPresent(u -> chunk.putNull("usage"));
        return SseEvent.data(Json.text(chunk));
    }

    private static ObjectNode chatBase(String object, String model) {
        ObjectNode body = Json.object();
        body.put("id", "chatcmpl-fake");
        body.put("object", object);
        body.put("created", CREATED);
        body.put("model", model);
        body.put("system_fingerprint", "fp_fake");
        body.put("service_tier", "default");
        return body;
    }

    private static ObjectNode chatUsage(Usage usage) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", usage.inputTokens());
        u.put("completion_tokens", usage.outputTokens());
        u.put("total_tokens", usage.totalTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens()).put("audio_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return u;
    }
}
