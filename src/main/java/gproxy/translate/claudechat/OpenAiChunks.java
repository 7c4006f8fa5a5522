package gproxy.translate.claudechat;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/** OpenAI {@code chat.completion.chunk} events of one stream: the same id, created and model on each. */
record OpenAiChunks(String id, long created, String model) {
    static final SseEvent DONE = SseEvent.data("[DONE]");

    SseEvent delta(ObjectNode delta) {
        return choice(delta, Optional.empty());
    }

    SseEvent finish(String finishReason) {
        return choice(Json.object(), Optional.of(finishReason));
    }

    /** The usage chunk: no choices, as with {@code stream_options.include_usage}. */
    SseEvent usage(Tokens tokens) {
        ObjectNode chunk = base();
        chunk.putArray("choices");
        chunk.set("usage", tokens.toOpenAi());
        return SseEvent.data(Json.text(chunk));
    }

    private SseEvent choice(ObjectNode delta, Optional<String> finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        finishReason.ifPresentOrElse(f -> choice.put("finish_reason", f), () -> choice.putNull("finish_reason"));
        return SseEvent.data(Json.text(chunk));
    }

    private ObjectNode base() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
