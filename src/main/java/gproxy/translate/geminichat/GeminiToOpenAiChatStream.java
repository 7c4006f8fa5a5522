package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * Gemini stream chunks (each a partial {@code GenerateContentResponse}) → OpenAI Chat chunks ending
 * with {@code [DONE]}. Text and thoughts become content and {@code reasoning_content} deltas; each
 * whole {@code functionCall} becomes one {@code tool_calls} delta with all its arguments. Gemini
 * repeats {@code usageMetadata} on every chunk, cumulative: the last one counts. Finish chunks go
 * out when the upstream ends, the last one carrying {@code usage}: Gemini has no end-of-stream
 * marker, so usage rides on a chunk that has a choice (an empty-choices chunk would break naive
 * clients). The model named is Gemini's {@code modelVersion}; {@link gproxy.translate.ClientEvents}
 * renames it and removes the usage for a client that did not ask for {@code include_usage}.
 */
final class GeminiToOpenAiChatStream implements StreamTranslator {
    /** One candidate's progress. */
    private static final class Candidate {
        private boolean started;
        private int calls;
        private Optional<String> finishReason = Optional.empty();
    }

    private final Clock clock;
    private String model = "";
    private final TreeMap<Integer, Candidate> candidates = new TreeMap<>();
    private String key = "";
    private long created;
    private Optional<TokenUsage> usage = Optional.empty();
    private boolean blocked;
    private boolean done;

    GeminiToOpenAiChatStream(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        String data = upstreamEvent.dataText().strip();
        if (done || data.isEmpty()) {
            return List.of();
        }
        JsonNode chunk;
        try {
            chunk = Json.parse(data);
        } catch (GatewayException e) {
            return List.of();
        }
        if (chunk.has("error")) {
            done = true;
            return List.of(SseEvent.data(Json.text(GeminiErrors.chatUpstreamFailed())));
        }
        if (key.isEmpty()) {
            key = GeminiToOpenAiChatResponse.responseKey(chunk, data.getBytes(StandardCharsets.UTF_8));
            created = clock.instant().getEpochSecond();
            model = Nodes.text(chunk, "modelVersion").orElse("");
        }
        if (chunk.path("usageMetadata").isObject()) {
            usage = Optional.of(GeminiUsage.read(chunk.get("usageMetadata")));
        }
        blocked |= Nodes.has(chunk.path("promptFeedback"), "blockReason");
        List<SseEvent> out = new ArrayList<>();
        for (JsonNode candidate : Nodes.elements(chunk, "candidates")) {
            delta(candidate).ifPresent(out::add);
        }
        return out;
    }

    private Optional<SseEvent> delta(JsonNode candidate) {
        int index = candidate.path("index").asInt(0);
        Candidate state = candidates.computeIfAbsent(index, i -> new Candidate());
        GeminiCandidateParts parts = GeminiCandidateParts.of(candidate, key, state.calls);
        Nodes.text(candidate, "finishReason").ifPresent(r -> state.finishReason = Optional.of(r));
        ObjectNode delta = Json.object();
        if (!state.started) {
            delta.put("role", "assistant");
        }
        if (!parts.thoughts().isEmpty()) {
            delta.put("reasoning_content", parts.thoughts());
        }
        if (!parts.text().isEmpty() || (!state.started && parts.toolCalls().isEmpty() && parts.thoughts().isEmpty())) {
            delta.put("content", parts.text());
        }
        if (!parts.toolCalls().isEmpty()) {
            delta.set("tool_calls", parts.indexedCalls(state.calls));
            state.calls += parts.toolCalls().size();
        }
        if (delta.size() == 0) {
            return Optional.empty();
        }
        state.started = true;
        return Optional.of(chunk(index, delta, Optional.empty(), Optional.empty()));
    }

    @Override
    public List<SseEvent> finish() {
        if (done || (candidates.isEmpty() && !blocked)) {
            return List.of(); // nothing began: the relay reports the empty or broken stream
        }
        done = true;
        if (candidates.values().stream().noneMatch(c -> c.finishReason.isPresent()) && !blocked) {
            return List.of(); // cut before any candidate finished: no [DONE], so clients see a broken stream
        }
        if (candidates.isEmpty()) {
            candidates.put(0, new Candidate());
        }
        List<SseEvent> out = new ArrayList<>();
        int last = candidates.lastKey();
        candidates.forEach((index, c) -> {
            String reason = blocked && c.finishReason.isEmpty() ? "content_filter"
                    : FinishReasons.toChat(c.finishReason.orElse("STOP"), c.calls > 0);
            out.add(chunk(index, Json.object(), Optional.of(reason), index == last ? usage : Optional.empty()));
        });
        out.add(SseEvent.data("[DONE]"));
        return out;
    }

    private SseEvent chunk(int index, ObjectNode delta, Optional<String> finishReason, Optional<TokenUsage> usage) {
        ObjectNode chunk = Json.object();
        chunk.put("id", "chatcmpl-" + key);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        if (finishReason.isPresent()) {
            choice.put("finish_reason", finishReason.get());
        } else {
            choice.putNull("finish_reason");
        }
        usage.ifPresent(u -> chunk.set("usage", ChatUsage.write(u)));
        return SseEvent.data(Json.text(chunk));
    }
}
