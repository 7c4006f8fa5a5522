package gproxy.translate.responsesgemini;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
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

class ResponsesToGeminiStreamTest {
    private static final String DIR = "gemini-to-responses/";

    private static List<SseEvent> convert(List<SseEvent> upstream) {
        return run(ResponsesGemini.clientGemini().streamConverter().get(), upstream);
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "argument fragments assembled; each call goes out as one whole functionCall when its arguments are done (done-only arguments too)")
    @Test
    void summariesTextAndAssembledCallsStreamAsTheGolden() {
        assertSse(convert(sse(DIR + "stream-tools.responses.sse")), DIR + "stream-tools.gemini.sse");
    }

    @Test
    void eachCallGoesOutWholeOnceAndTheLastChunkFinishes() {
        List<JsonNode> chunks = data(convert(sse(DIR + "stream-tools.responses.sse")));
        List<JsonNode> calls = chunks.stream().map(c -> c.at("/candidates/0/content/parts/0/functionCall")).filter(JsonNode::isObject).toList();
        assertThat(calls).containsExactly(
                Json.parse("{\"id\":\"call_p\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"),
                Json.parse("{\"id\":\"call_r\",\"name\":\"get_weather\",\"args\":{\"city\":\"Rome\"}}"));
        assertThat(chunks.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> {
            assertThat(c.has("usageMetadata")).isFalse();
            assertThat(c.at("/candidates/0").has("finishReason")).isFalse();
        });
    }

    @Test
    void theEncryptedReasoningGoesOutAsASignedThoughtWhenItsItemIsDone() {
        JsonNode signed = data(convert(sse(DIR + "stream-tools.responses.sse"))).stream()
                .map(c -> c.at("/candidates/0/content/parts/0")).filter(p -> p.has("thoughtSignature")).findFirst().orElseThrow();
        assertThat(signed.get("thought").asBoolean()).isTrue();
        assertThat(Signatures.openAiEncryptedContent(signed.get("thoughtSignature").asText())).contains("gAAAAABencrypted");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "stream usage", verdict = SUPPORTED,
            note = "response.completed usage → usageMetadata on the last chunk, token for token")
    @Test
    void streamedUsageEqualsTheUpstreamsUsage() {
        List<SseEvent> upstream = sse(DIR + "stream-tools.responses.sse");
        JsonNode usage = data(convert(upstream)).getLast().get("usageMetadata");
        JsonNode reported = data(upstream).getLast().at("/response/usage");
        assertThat(TokenUsage.fromGemini(usage)).isEqualTo(TokenUsage.fromResponses(reported)).isEqualTo(new TokenUsage(50, 40, 32, 25, 90));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "stream errors", verdict = SUPPORTED,
            note = "response.failed / error → a Gemini error object, the upstream text not copied; a cut stream gets no finish chunk")
    @Test
    void aFailedResponseIsAGeminiErrorWithoutItsTextAndACutStreamHasNoFinish() {
        List<SseEvent> out = convert(List.of(SseEvent.of("response.output_text.delta",
                        "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}"),
                SseEvent.of("response.failed", "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"message\":\"your prompt: secret\"}}}")));
        assertThat(out).hasSize(2);
        assertThat(Json.parse(out.getLast().dataText()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(out.getLast().dataText()).doesNotContain("secret");
        List<SseEvent> cut = convert(sse(DIR + "stream-tools.responses.sse").subList(0, 12));
        assertThat(data(cut)).noneMatch(c -> c.at("/candidates/0").has("finishReason"));
    }

    @Test
    void anIncompleteResponseFinishesWithMaxTokensRawReasoningIsAThoughtAndUnknownEventsAreDropped() {
        List<SseEvent> out = convert(List.of(SseEvent.of("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5\"}}"),
                SseEvent.of("response.brand_new", "{\"type\":\"response.brand_new\"}"), SseEvent.data("garbage"),
                SseEvent.of("response.reasoning_text.delta", "{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs\",\"delta\":\"hmm\"}"),
                SseEvent.of("response.incomplete", "{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\","
                        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":3,\"output_tokens\":2,\"total_tokens\":5}}}")));
        assertThat(out).hasSize(2);
        assertThat(Json.parse(out.getFirst().dataText()).at("/candidates/0/content/parts/0"))
                .isEqualTo(Json.parse("{\"text\":\"hmm\",\"thought\":true}"));
        JsonNode last = Json.parse(out.getLast().dataText());
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(last.get("modelVersion").asText()).isEqualTo("gpt-5");
        assertThat(last.get("responseId").asText()).isEqualTo("resp_1");
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(5);
    }
}
