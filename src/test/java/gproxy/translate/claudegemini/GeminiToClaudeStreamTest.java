package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.claudegemini.Contexts.CLAUDE_TO_GEMINI;
import static gproxy.translate.golden.Golden.assertSse;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.run;
import static gproxy.translate.golden.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;

/** A Gemini stream as the Claude stream a Claude client reads. */
class GeminiToClaudeStreamTest {

    @Test
    void aTextStreamMatchesTheGoldenAndEndsWithTheUsageAndMessageStop() {
        List<SseEvent> out = Contexts.claudeClientStream("stream-text.gemini.sse");
        assertSse(out, CLAUDE_TO_GEMINI + "stream-text.claude.sse");
        assertThat(out.stream().map(SseEvent::type)).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        JsonNode delta = Json.parse(out.get(6).dataText());
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(delta.at("/usage/output_tokens").asLong()).isEqualTo(3);
        assertThat(Json.parse(out.getFirst().dataText()).at("/message/usage/input_tokens").asLong()).isEqualTo(7);
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = TOOL_STREAMING, verdict = APPROXIMATED,
            note = "Gemini streams each functionCall whole: it becomes one tool_use block with all its arguments in one"
                    + " input_json_delta; thoughts and text stream as thinking_delta/text_delta, a thought's signature as"
                    + " signature_delta; block indexes from 0, one block open at a time")
    @Test
    void thoughtsTextAndParallelCallsStreamAsIndexedBlocks() {
        List<SseEvent> out = Contexts.claudeClientStream("stream-tools.gemini.sse");
        assertSse(out, CLAUDE_TO_GEMINI + "stream-tools.claude.sse");
        List<JsonNode> events = data(out);
        List<String> starts = new ArrayList<>();
        events.stream().filter(e -> e.path("type").asText().equals("content_block_start"))
                .forEach(e -> starts.add(e.get("index").asInt() + ":" + e.at("/content_block/type").asText()));
        assertThat(starts).containsExactly("0:thinking", "1:text", "2:tool_use", "3:tool_use");
        assertThat(events).filteredOn(e -> e.at("/delta/type").asText().equals("signature_delta"))
                .singleElement().satisfies(e -> assertThat(e.get("index").asInt()).isZero());
        assertThat(events.get(events.size() - 2).at("/delta/stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void everyStartedBlockStopsBeforeTheNextStarts() {
        int open = -1;
        for (JsonNode e : data(Contexts.claudeClientStream("stream-tools.gemini.sse"))) {
            switch (e.path("type").asText()) {
                case "content_block_start" -> {
                    assertThat(open).as("no block open at %s", e).isEqualTo(-1);
                    open = e.get("index").asInt();
                }
                case "content_block_delta" -> assertThat(e.get("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.get("index").asInt()).isEqualTo(open);
                    open = -1;
                }
                default -> { }
            }
        }
        assertThat(open).isEqualTo(-1);
    }

    @Test
    void streamedAndWholeAnswersIssueTheSameToolIds() {
        List<String> streamed = data(Contexts.claudeClientStream("stream-tools.gemini.sse")).stream()
                .filter(e -> e.at("/content_block/type").asText().equals("tool_use"))
                .map(e -> e.at("/content_block/id").asText()).toList();
        String whole = """
                {"candidates":[{"content":{"parts":[{"text":"Lyon is warmer."},
                 {"functionCall":{"name":"get_forecast","args":{"city":"Lyon"}},"thoughtSignature":"c2lnLWNhbGw="},
                 {"functionCall":{"name":"get_forecast","args":{"city":"Paris"}}}],"role":"model"},"finishReason":"STOP"}],"responseId":"resp-s1"}""";
        JsonNode message = Json.parse(ClaudeGemini.clientClaude().response().translate(whole.getBytes(), Contexts.toGemini()));
        assertThat(streamed).containsExactly(message.at("/content/1/id").asText(), message.at("/content/2/id").asText());
    }

    @Test
    void aStreamCutBeforeAFinishReasonIsLeftOpen() {
        List<SseEvent> out = run(ClaudeGemini.clientClaude().streamConverter().get(), sse(CLAUDE_TO_GEMINI + "stream-text.gemini.sse").subList(0, 2));
        assertThat(out).extracting(SseEvent::type).doesNotContain("message_delta", "message_stop");
    }

    @Test
    void anUpstreamErrorChunkBecomesAClaudeErrorEventWithoutTheUpstreamsText() {
        List<SseEvent> out = run(ClaudeGemini.clientClaude().streamConverter().get(), List.of(
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},\"index\":0}],\"responseId\":\"r\"}"),
                SseEvent.data("{\"error\":{\"code\":500,\"message\":\"echo of prompt\",\"status\":\"INTERNAL\"}}"),
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"late\"}]},\"finishReason\":\"STOP\"}]}")));
        assertThat(out.getLast().type()).isEqualTo("error");
        assertThat(out.getLast().dataText()).doesNotContain("echo of prompt").contains("api_error");
        assertThat(out).extracting(SseEvent::dataText).noneMatch(d -> d.contains("late"));
    }

    @Test
    void malformedAndUnknownChunksAreDroppedAndOtherCandidatesIgnored() {
        List<SseEvent> out = run(ClaudeGemini.clientClaude().streamConverter().get(), List.of(
                SseEvent.data("not json"), SseEvent.comment("keepalive"), SseEvent.data("{\"somethingNew\":true,\"responseId\":\"r\"}"),
                SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"B\"}]},\"index\":1},"
                        + "{\"content\":{\"parts\":[{\"text\":\"A\"},{\"codeExecutionResult\":{}}]},\"finishReason\":\"STOP\",\"index\":0}]}")));
        assertThat(data(out)).filteredOn(e -> e.at("/delta/type").asText().equals("text_delta"))
                .extracting(e -> e.at("/delta/text").asText()).containsExactly("A");
        assertThat(out.getLast().type()).isEqualTo("message_stop");
    }

    @Test
    void aBlockedPromptStreamsAnEmptyRefusal() {
        List<SseEvent> out = run(ClaudeGemini.clientClaude().streamConverter().get(), List.of(SseEvent.data(
                "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5},\"responseId\":\"b\"}")));
        assertThat(out).extracting(SseEvent::type).containsExactly("message_start", "message_delta", "message_stop");
        assertThat(Json.parse(out.get(1).dataText()).at("/delta/stop_reason").asText()).isEqualTo("refusal");
    }
}
