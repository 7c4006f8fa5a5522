package gproxy.translate.geminichat;

import static gproxy.translate.golden.Golden.assertSse;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.run;
import static gproxy.translate.golden.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

class GeminiToOpenAiChatStreamTest {
    private static final String DIR = "openai-chat-to-gemini/";

    private static List<SseEvent> convert(String fixture) {
        return run(GeminiChat.clientOpenAiChat(Contexts.CLOCK).streamConverter().get(), sse(DIR + fixture));
    }

    @Test
    void textStreamMatchesTheGolden() {
        assertSse(convert("stream-text.gemini.sse"), DIR + "stream-text.chat.sse");
    }

    @Test
    void theFirstDeltaSaysAssistantAndTheStreamEndsWithAFinishChunkAndDone() {
        List<SseEvent> out = convert("stream-text.gemini.sse");
        assertThat(out.getLast().dataText()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data(out);
        assertThat(chunks.getFirst().at("/choices/0/delta")).isEqualTo(Json.parse("{\"role\":\"assistant\",\"content\":\"Hello\"}"));
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
    }

    @Test
    void streamedUsageEqualsTheUpstreamsLastUsageMetadata() {
        JsonNode usage = data(convert("stream-text.gemini.sse")).getLast().get("usage");
        assertThat(ChatUsage.read(usage)).isEqualTo(new TokenUsage(900, 42, 768, 30, 942));
        JsonNode tools = data(convert("stream-tools.gemini.sse")).getLast().get("usage");
        assertThat(ChatUsage.read(tools)).isEqualTo(new TokenUsage(50, 40, 0, 18, 90));
    }

    @Test
    void toolCallsStreamWholeWithRunningIndexesAndFinishAsToolCalls() {
        List<SseEvent> out = convert("stream-tools.gemini.sse");
        assertSse(out, DIR + "stream-tools.chat.sse");
        List<JsonNode> chunks = data(out);
        JsonNode first = chunks.get(2).at("/choices/0/delta/tool_calls");
        assertThat(first).hasSize(2);
        assertThat(first.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(chunks.get(3).at("/choices/0/delta/tool_calls/0/index").asInt()).isEqualTo(2);
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void streamedAndWholeAnswersIssueTheSameToolCallIds() {
        JsonNode streamed = data(convert("stream-tools.gemini.sse")).get(2).at("/choices/0/delta/tool_calls");
        String whole = """
                {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWNhbGw="},
                 {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}],"role":"model"},"finishReason":"STOP","index":0}],"responseId":"resp-s2"}""";
        JsonNode calls = Json.parse(new GeminiToOpenAiChatResponse(Contexts.CLOCK).translate(whole.getBytes(StandardCharsets.UTF_8),
                Contexts.toGemini(false))).at("/choices/0/message/tool_calls");
        assertThat(calls.get(0).get("id")).isEqualTo(streamed.get(0).get("id"));
        assertThat(calls.get(1).get("id")).isEqualTo(streamed.get(1).get("id"));
    }

    @Test
    void thoughtsStreamAsReasoningContent() {
        JsonNode delta = data(convert("stream-tools.gemini.sse")).getFirst().at("/choices/0/delta");
        assertThat(delta.get("reasoning_content").asText()).isEqualTo("Need both cities.");
        assertThat(delta.has("content")).isFalse();
    }

    @Test
    void anUpstreamErrorChunkBecomesAnOpenAiErrorWithoutDone() {
        List<SseEvent> out = run(GeminiChat.clientOpenAiChat(Contexts.CLOCK).streamConverter().get(), List.of(
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}],\"responseId\":\"r\"}"),
                SseEvent.data("{\"error\":{\"code\":500,\"message\":\"echo of prompt\",\"status\":\"INTERNAL\"}}")));
        assertThat(out).hasSize(2);
        assertThat(Json.parse(out.get(1).dataText()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(out.get(1).dataText()).doesNotContain("echo of prompt");
    }

    @Test
    void aStreamCutBeforeAFinishReasonGetsNoDone() {
        List<SseEvent> out = run(GeminiChat.clientOpenAiChat(Contexts.CLOCK).streamConverter().get(), sse(DIR + "stream-text.gemini.sse").subList(0, 2));
        assertThat(out).hasSize(2).noneMatch(e -> e.dataText().equals("[DONE]"));
    }

    @Test
    void aBlockedPromptStreamsOneContentFilterFinish() {
        List<SseEvent> out = run(GeminiChat.clientOpenAiChat(Contexts.CLOCK).streamConverter().get(), List.of(SseEvent.data(
                "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}")));
        assertThat(data(out).getFirst().at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(data(out).getFirst().at("/usage/prompt_tokens").asLong()).isEqualTo(5);
        assertThat(out.getLast().dataText()).isEqualTo("[DONE]");
    }

    @Test
    void severalCandidatesStreamAsSeveralChoicesEachWithItsOwnFinish() {
        List<SseEvent> out = run(GeminiChat.clientOpenAiChat(Contexts.CLOCK).streamConverter().get(), List.of(
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}]},\"index\":0},{\"content\":{\"parts\":[{\"text\":\"B\"}]},\"index\":1}],\"responseId\":\"r\"}"),
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"STOP\",\"index\":0},"
                        + "{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"MAX_TOKENS\",\"index\":1}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":4,\"totalTokenCount\":7}}")));
        List<JsonNode> chunks = data(out);
        assertThat(chunks.stream().map(c -> c.at("/choices/0/index").asInt() + ":" + c.at("/choices/0/delta/content").asText("-")
                + ":" + c.at("/choices/0/finish_reason").asText())).containsExactly("0:A:null", "1:B:null", "0:-:stop", "1:-:length");
        assertThat(chunks.get(2).has("usage")).isFalse();
        assertThat(chunks.get(3).at("/usage/total_tokens").asLong()).isEqualTo(7);
    }
}
