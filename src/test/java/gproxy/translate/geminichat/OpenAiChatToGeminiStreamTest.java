package gproxy.translate.geminichat;

import static gproxy.translate.golden.Golden.assertSse;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.run;
import static gproxy.translate.golden.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

class OpenAiChatToGeminiStreamTest {
    private static final String DIR = "gemini-to-openai-chat/";

    private static List<SseEvent> convert(String fixture) {
        return run(GeminiChat.clientGemini().streamConverter().get(), sse(DIR + fixture));
    }

    @Test
    void textStreamMatchesTheGolden() {
        assertSse(convert("stream-text.chat.sse"), DIR + "stream-text.gemini.sse");
    }

    @Test
    void textArrivesAsItComesAndTheLastChunkCarriesFinishReasonAndUsage() {
        List<JsonNode> chunks = data(convert("stream-text.chat.sse"));
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello");
        JsonNode last = chunks.get(2);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(chunks.subList(0, 2)).allSatisfy(c -> assertThat(c.has("usageMetadata")).isFalse());
    }

    @Test
    void streamedUsageEqualsTheUpstreamsUsage() {
        JsonNode usage = data(convert("stream-text.chat.sse")).get(2).get("usageMetadata");
        assertThat(GeminiUsage.read(usage)).isEqualTo(new TokenUsage(900, 12, 768, 0, 912));
        JsonNode tools = data(convert("stream-tools.chat.sse")).getLast().get("usageMetadata");
        assertThat(GeminiUsage.read(tools)).isEqualTo(new TokenUsage(50, 40, 0, 25, 90));
        assertThat(tools.get("thoughtsTokenCount").asLong()).isEqualTo(25);
    }

    @Test
    void toolCallFragmentsAreAssembledIntoWholeFunctionCallsOnTheLastChunk() {
        List<SseEvent> out = convert("stream-tools.chat.sse");
        assertSse(out, DIR + "stream-tools.gemini.sse");
        JsonNode parts = data(out).getLast().at("/candidates/0/content/parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).get("functionCall")).isEqualTo(Json.parse("{\"id\":\"call_p1\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"));
        assertThat(parts.get(1).at("/functionCall/args/city").asText()).isEqualTo("Rome");
    }

    @Test
    void reasoningDeltasBecomeThoughtParts() {
        JsonNode first = data(convert("stream-tools.chat.sse")).getFirst();
        assertThat(first.at("/candidates/0/content/parts/0")).isEqualTo(Json.parse("{\"text\":\"Need both\",\"thought\":true}"));
    }

    @Test
    void withoutAUsageChunkTheLastChunkGoesOutAtDoneWithoutUsage() {
        List<JsonNode> chunks = data(convert("stream-no-usage.chat.sse"));
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(chunks.get(1).has("usageMetadata")).isFalse();
    }

    @Test
    void anUpstreamErrorMidStreamBecomesAGeminiErrorAndEndsTheStream() {
        List<SseEvent> out = run(GeminiChat.clientGemini().streamConverter().get(), List.of(
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"),
                SseEvent.data("{\"error\":{\"message\":\"the prompt said: secret\",\"type\":\"server_error\"}}"),
                SseEvent.data("[DONE]")));
        assertThat(out).hasSize(2);
        assertThat(out.get(1).dataText()).contains("\"status\":\"UNAVAILABLE\"").doesNotContain("secret");
    }

    @Test
    void unknownEventsAreDroppedNotFatal() {
        List<SseEvent> out = run(GeminiChat.clientGemini().streamConverter().get(), List.of(
                SseEvent.of("ping", "not json"), SseEvent.comment("keepalive"), SseEvent.data("{\"object\":\"something.new\"}")));
        assertThat(out).isEmpty();
    }

    @Test
    void aStreamCutBeforeAnyFinishReasonGetsNoClosingChunk() {
        List<SseEvent> upstream = sse(DIR + "stream-text.chat.sse").subList(0, 3);
        List<JsonNode> chunks = data(run(GeminiChat.clientGemini().streamConverter().get(), upstream));
        assertThat(chunks).hasSize(2).noneMatch(c -> c.at("/candidates/0").has("finishReason"));
    }

    @Test
    void severalChoicesStreamAsSeveralCandidatesClosedTogether() {
        List<SseEvent> out = run(GeminiChat.clientGemini().streamConverter().get(), List.of(
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}},{\"index\":1,\"delta\":{\"content\":\"B\"}}]}"),
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"length\"}]}"),
                SseEvent.data("{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}"),
                SseEvent.data("[DONE]")));
        List<JsonNode> chunks = data(out);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).get("candidates")).hasSize(2);
        JsonNode last = chunks.get(1);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/candidates/1/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(7);
    }
}
