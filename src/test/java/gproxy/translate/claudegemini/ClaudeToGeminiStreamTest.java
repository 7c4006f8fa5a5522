package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.claudegemini.Contexts.GEMINI_TO_CLAUDE;
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
import gproxy.translate.Conformance.Feature;

/** A Claude stream as the Gemini chunks a Gemini client reads. */
class ClaudeToGeminiStreamTest {

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TOOL_STREAMING, verdict = APPROXIMATED,
            note = "input_json_delta fragments are assembled and each call goes out as one whole functionCall part when its"
                    + " block stops, as Gemini streams calls; text and thinking stream as they come; finishReason and"
                    + " usageMetadata on the last chunk")
    @Test
    void thinkingTextAndParallelCallsMatchTheGolden() {
        List<SseEvent> out = Contexts.geminiClientStream("stream-tools.claude.sse");
        assertSse(out, GEMINI_TO_CLAUDE + "stream-tools.gemini.sse");
        List<JsonNode> chunks = data(out);
        assertThat(chunks).allSatisfy(c -> assertThat(c.get("responseId").asText()).isEqualTo("msg_01S1"));
        List<JsonNode> calls = chunks.stream().map(c -> c.at("/candidates/0/content/parts/0/functionCall")).filter(JsonNode::isObject).toList();
        assertThat(calls).containsExactly(
                Json.parse("{\"id\":\"toolu_01F\",\"name\":\"get_forecast\",\"args\":{\"city\":\"Lyon\"}}"),
                Json.parse("{\"id\":\"toolu_01G\",\"name\":\"get_forecast\",\"args\":{\"city\":\"Paris\"}}"));
        JsonNode last = chunks.getLast();
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.get("usageMetadata")).isEqualTo(Json.parse(
                "{\"promptTokenCount\":888,\"candidatesTokenCount\":52,\"cachedContentTokenCount\":768,\"totalTokenCount\":940}"));
        assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(c -> c.has("usageMetadata") || c.at("/candidates/0").has("finishReason"));
    }

    @Test
    void theSignatureStreamsAsASignedThoughtPart() {
        assertThat(data(Contexts.geminiClientStream("stream-tools.claude.sse")))
                .extracting(c -> c.at("/candidates/0/content/parts/0"))
                .contains(Json.parse("{\"text\":\"\",\"thought\":true,\"thoughtSignature\":\"Y2xhdWRlLXNpZw==\"}"),
                        Json.parse("{\"text\":\"Weighing both.\",\"thought\":true}"));
    }

    @Test
    void aStreamCutBeforeMessageDeltaIsLeftOpenAndOneCutAfterItIsClosed() {
        List<SseEvent> upstream = sse(GEMINI_TO_CLAUDE + "stream-tools.claude.sse");
        List<SseEvent> cut = run(ClaudeGemini.clientGemini().streamConverter().get(), upstream.subList(0, 8));
        assertThat(data(cut)).noneMatch(c -> c.has("usageMetadata"));
        List<SseEvent> afterDelta = run(ClaudeGemini.clientGemini().streamConverter().get(), upstream.subList(0, upstream.size() - 1));
        assertThat(data(afterDelta).getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void anErrorEventBecomesAGeminiErrorChunkWithoutTheUpstreamsTextAndEndsTheStream() {
        List<SseEvent> out = run(ClaudeGemini.clientGemini().streamConverter().get(), List.of(
                SseEvent.of("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"quoting the prompt\"}}"),
                SseEvent.of("message_stop", "{\"type\":\"message_stop\"}")));
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(Json.parse(e.dataText()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
            assertThat(e.dataText()).doesNotContain("quoting");
        });
    }

    @Test
    void unknownEventsAndDeltasAndMalformedDataAreDropped() {
        List<SseEvent> out = run(ClaudeGemini.clientGemini().streamConverter().get(), List.of(
                SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":3}}}"),
                SseEvent.of("hologram", "{\"type\":\"hologram\"}"), SseEvent.data("{broken"),
                SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"web_search_tool_result\"}}"),
                SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\"}}"),
                SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}"),
                SseEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":7}"),
                SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},\"usage\":{\"output_tokens\":2}}"),
                SseEvent.of("message_stop", "{\"type\":\"message_stop\"}")));
        assertThat(out).singleElement().satisfies(e -> {
            JsonNode chunk = Json.parse(e.dataText());
            assertThat(chunk.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
            assertThat(chunk.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(5);
        });
    }
}
