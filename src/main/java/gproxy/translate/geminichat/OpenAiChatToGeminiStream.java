package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.StreamTranslator;

/**
 * An OpenAI Chat chunk stream → Gemini {@code data:} chunks, each a partial
 * {@code GenerateContentResponse}. Text and reasoning go out as they come. Tool call fragments are
 * assembled, because Gemini sends each {@code functionCall} whole; they go out with the last
 * chunk, which Gemini clients expect to carry {@code finishReason} and {@code usageMetadata}. That
 * chunk waits for the usage chunk OpenAI sends after the finish reasons (or for {@code [DONE]}).
 * The {@code modelVersion} named is the upstream's model; {@link gproxy.translate.ClientEvents} renames it.
 */
final class OpenAiChatToGeminiStream implements StreamTranslator {
    private String model = "";
    private final TreeMap<Integer, ChatChoiceState> choices = new TreeMap<>();
    private Optional<String> responseId = Optional.empty();
    private Optional<TokenUsage> usage = Optional.empty();
    private boolean done;

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        String data = upstreamEvent.dataText().strip();
        if (done || data.isEmpty()) {
            return List.of();
        }
        if (data.equals("[DONE]")) {
            return last(true);
        }
        JsonNode chunk;
        try {
            chunk = Json.parse(data);
        } catch (GatewayException e) {
            return List.of(); // not a chunk: dropped, never a crash
        }
        if (chunk.has("error")) {
            done = true;
            return List.of(SseEvent.data(Json.text(GeminiErrors.upstreamFailed())));
        }
        return chunk(chunk);
    }

    @Override
    public List<SseEvent> finish() {
        return last(false);
    }

    private List<SseEvent> chunk(JsonNode chunk) {
        if (responseId.isEmpty()) {
            responseId = Nodes.text(chunk, "id");
            model = Nodes.text(chunk, "model").orElse("");
        }
        if (chunk.path("usage").isObject()) {
            usage = Optional.of(ChatUsage.read(chunk.get("usage")));
        }
        ArrayNode candidates = Json.MAPPER.createArrayNode();
        for (JsonNode choice : Nodes.elements(chunk, "choices")) {
            int index = choice.path("index").asInt(0);
            ChatChoiceState state = choices.computeIfAbsent(index, i -> new ChatChoiceState());
            ArrayNode parts = state.absorb(choice);
            if (!parts.isEmpty()) {
                candidates.add(candidate(index, parts));
            }
        }
        List<SseEvent> out = new ArrayList<>();
        if (!candidates.isEmpty()) {
            out.add(event(candidates, Optional.empty()));
        }
        if (usage.isPresent() && !choices.isEmpty() && choices.values().stream().allMatch(ChatChoiceState::finished)) {
            out.addAll(last(true));
        }
        return out;
    }

    /** The closing chunk; at the end of a stream that never finished a choice there is nothing to close. */
    private List<SseEvent> last(boolean clean) {
        if (done) {
            return List.of();
        }
        done = true;
        boolean finished = clean || choices.values().stream().anyMatch(ChatChoiceState::finished);
        if (!finished) {
            return List.of();
        }
        if (choices.isEmpty()) {
            choices.put(0, new ChatChoiceState());
        }
        ArrayNode candidates = Json.MAPPER.createArrayNode();
        choices.forEach((index, state) -> {
            ArrayNode parts = state.calls();
            if (parts.isEmpty()) {
                parts.add(ChatToGeminiParts.text(""));
            }
            ObjectNode candidate = candidate(index, parts);
            candidate.put("finishReason", FinishReasons.toGemini(state.finishReason()).orElse("STOP"));
            candidates.add(candidate);
        });
        return List.of(event(candidates, usage));
    }

    private static ObjectNode candidate(int index, ArrayNode parts) {
        ObjectNode candidate = Json.object();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        candidate.put("index", index);
        return candidate;
    }

    private SseEvent event(ArrayNode candidates, Optional<TokenUsage> usage) {
        ObjectNode response = Json.object();
        response.set("candidates", candidates);
        usage.ifPresent(u -> response.set("usageMetadata", GeminiUsage.write(u)));
        response.put("modelVersion", model);
        responseId.ifPresent(id -> response.put("responseId", id));
        return SseEvent.data(Json.text(response));
    }
}
