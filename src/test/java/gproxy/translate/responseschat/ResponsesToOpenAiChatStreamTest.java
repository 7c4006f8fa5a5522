package gproxy.translate.responseschat;

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

class ResponsesToOpenAiChatStreamTest {
    private static final String DIR = "openai-chat-to-responses/";

    private static List<SseEvent> convert(String fixture) {
        return run(ResponsesChat.clientOpenAiChat().streamConverter().get(), sse(DIR + fixture));
    }

    @Test
    void reasoningTextAndToolCallStreamMatchesTheGolden() {
        assertSse(convert("stream-tools.responses.sse"), DIR + "stream-tools.chat.sse");
    }

    @Test
    void eachFunctionCallItemIsAToolCallWithItsOwnIndexIdAndName() {
        List<JsonNode> chunks = data(convert("stream-tools.responses.sse"));
        List<JsonNode> calls = chunks.stream().filter(c -> c.at("/choices/0/delta").has("tool_calls"))
                .map(c -> c.at("/choices/0/delta/tool_calls/0")).toList();
        assertThat(calls.get(0)).isEqualTo(Json.parse(
                "{\"index\":0,\"id\":\"call_p\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"));
        assertThat(calls.stream().filter(c -> c.get("index").asInt() == 0).map(c -> c.at("/function/arguments").asText()))
                .containsExactly("", "{\"city\":", "\"Paris\"}");
        assertThat(calls.stream().filter(c -> c.get("index").asInt() == 1).map(c -> c.at("/function/arguments").asText()))
                .containsExactly("", "{\"city\":\"Rome\"}");
    }

    @Test
    void summaryPartsStreamAsReasoningContentApartByABlankLine() {
        List<JsonNode> chunks = data(convert("stream-tools.responses.sse"));
        String reasoning = chunks.stream().map(c -> c.at("/choices/0/delta/reasoning_content").asText("")).reduce("", String::concat);
        assertThat(reasoning).isEqualTo("Two cities.\n\nTwo calls.");
    }

    @Test
    void theFinishChunkCarriesToolCallsAndTheUpstreamsUsageThenDone() {
        List<SseEvent> out = convert("stream-tools.responses.sse");
        assertThat(out.getLast().dataText()).isEqualTo("[DONE]");
        JsonNode last = data(out).getLast();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(last.get("usage")).isEqualTo(Json.parse("""
                {"prompt_tokens":50,"completion_tokens":40,"total_tokens":90,"prompt_tokens_details":{"cached_tokens":32},
                 "completion_tokens_details":{"reasoning_tokens":25}}"""));
    }

    @Test
    void responseIncompleteFinishesWithLength() {
        List<JsonNode> chunks = data(convert("stream-incomplete.responses.sse"));
        assertThat(chunks.getFirst().at("/choices/0/delta")).isEqualTo(Json.parse("{\"content\":\"\",\"role\":\"assistant\"}"));
        assertThat(chunks.get(1).at("/choices/0/delta/content").asText()).isEqualTo("Cut");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(chunks.getLast().at("/usage/total_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void responseFailedIsAnOpenAiErrorChunkWithoutDone() {
        List<SseEvent> out = run(ResponsesChat.clientOpenAiChat().streamConverter().get(), List.of(
                SseEvent.of("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_f\"}}"),
                SseEvent.of("response.failed", "{\"type\":\"response.failed\",\"response\":{\"error\":{\"message\":\"secret\"}}}")));
        assertThat(out).hasSize(2);
        assertThat(Json.parse(out.get(1).dataText()).at("/error/type").asText()).isEqualTo("server_error");
        assertThat(out.get(1).dataText()).doesNotContain("secret");
    }

    @Test
    void unknownEventsAreDropped() {
        List<SseEvent> out = run(ResponsesChat.clientOpenAiChat().streamConverter().get(), List.of(
                SseEvent.of("response.something_new", "{\"type\":\"response.something_new\"}"), SseEvent.comment("ping"),
                SseEvent.of("response.output_text.annotation.added", "{\"type\":\"response.output_text.annotation.added\"}")));
        assertThat(out).isEmpty();
    }
}
