package gproxy.translate.responsesgemini;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.golden.Golden.assertSse;
import static gproxy.translate.golden.Golden.bytes;
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

class GeminiToResponsesStreamTest {
    private static final String DIR = "responses-to-gemini/";

    private static List<SseEvent> convert(List<SseEvent> upstream) {
        return run(ResponsesGemini.clientResponses(Contexts.CLOCK).streamConverter().get(), upstream);
    }

    private static List<SseEvent> convert(String fixture) {
        return convert(sse(DIR + fixture));
    }

    private static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::type).toList();
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "each whole functionCall → function_call item added, one arguments delta, arguments done, item done")
    @Test
    void thoughtsTextAndCallsStreamAsTheGolden() {
        assertSse(convert("stream-tools.gemini.sse"), DIR + "stream-tools.responses.sse");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "stream events", verdict = SUPPORTED,
            note = "created/in_progress/item added/part added/deltas/done/completed with sequence numbers, item ids and output/content indexes consistent")
    @Test
    void theEventSequenceOpensAndClosesEachItemInOrder() {
        assertThat(types(convert("stream-tools.gemini.sse"))).containsExactly(
                "response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.completed");
    }

    @Test
    void sequenceNumbersCountUpFromZeroAndEveryEventNamesItsItemConsistently() {
        List<SseEvent> out = convert("stream-tools.gemini.sse");
        List<JsonNode> events = data(out);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
            assertThat(events.get(i).get("type").asText()).isEqualTo(out.get(i).type());
        }
        for (JsonNode e : events) {
            if (e.has("item_id")) {
                JsonNode added = events.stream().filter(a -> a.get("type").asText().equals("response.output_item.added")
                        && a.at("/item/id").asText().equals(e.get("item_id").asText())).findFirst().orElseThrow();
                assertThat(e.get("output_index")).isEqualTo(added.get("output_index"));
            }
        }
        JsonNode output = events.getLast().at("/response/output");
        for (int i = 0; i < output.size(); i++) {
            int index = i;
            assertThat(events.stream().filter(e -> e.get("type").asText().equals("response.output_item.done")
                    && e.get("output_index").asInt() == index).findFirst().orElseThrow().get("item")).isEqualTo(output.get(i));
        }
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "stream usage", verdict = SUPPORTED,
            note = "the last (cumulative) usageMetadata → response.completed usage, token for token")
    @Test
    void streamedUsageEqualsTheUpstreamsLastUsageMetadata() {
        JsonNode usage = data(convert("stream-tools.gemini.sse")).getLast().at("/response/usage");
        assertThat(TokenUsage.fromResponses(usage)).isEqualTo(new TokenUsage(50, 40, 32, 18, 90));
        JsonNode upstream = data(sse(DIR + "stream-tools.gemini.sse")).getLast().get("usageMetadata");
        assertThat(TokenUsage.fromResponses(usage)).isEqualTo(TokenUsage.fromGemini(upstream));
    }

    @Test
    void streamedAndWholeAnswersHaveTheSameItemsAndCallIds() {
        JsonNode streamed = data(convert("stream-tools.gemini.sse")).getLast().at("/response/output");
        String whole = """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"Two cities, two calls.","thought":true,"thoughtSignature":"c2lnLXRob3VnaHQ="},
                 {"text":"Checking both."},{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWNhbGw="},
                 {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}]},"finishReason":"STOP","index":0}],"responseId":"gem-s1"}""";
        JsonNode answer = Json.parse(ResponsesGemini.clientResponses(Contexts.CLOCK).response().translate(whole.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Contexts.toGemini(false)));
        assertThat(answer.get("output")).isEqualTo(streamed);
    }

    @Test
    void aLengthFinishIsResponseIncompleteAndATextSignatureFollowsItsMessage() {
        List<SseEvent> out = convert("stream-length.gemini.sse");
        assertThat(types(out).getLast()).isEqualTo("response.incomplete");
        JsonNode response = data(out).getLast().get("response");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("Once upon a time");
        assertThat(response.at("/output/0/status").asText()).isEqualTo("incomplete");
        assertThat(response.at("/output/1")).isEqualTo(Json.parse(
                "{\"id\":\"rs_gem-s2\",\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gproxy-gs:c2lnLXRleHQ=\"}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "stream errors", verdict = SUPPORTED,
            note = "a Gemini error chunk → response.failed; its text not copied; a stream cut before a finish reason gets no completion")
    @Test
    void anUpstreamErrorIsResponseFailedWithoutItsTextAndACutStreamIsNotCompleted() {
        List<SseEvent> failed = convert(List.of(sse(DIR + "stream-tools.gemini.sse").getFirst(),
                SseEvent.data("{\"error\":{\"code\":500,\"message\":\"echo of prompt\",\"status\":\"INTERNAL\"}}")));
        assertThat(failed.getLast().type()).isEqualTo("response.failed");
        assertThat(failed.getLast().dataText()).doesNotContain("echo of prompt");
        assertThat(types(convert(sse(DIR + "stream-tools.gemini.sse").subList(0, 3)))).doesNotContain("response.completed", "response.incomplete");
    }

    @Test
    void aBlockedPromptIsIncompleteForContentFilterAndNoiseIsDropped() {
        List<SseEvent> out = convert(List.of(SseEvent.data("not json"), SseEvent.comment("keepalive"),
                SseEvent.data("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"},\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}")));
        assertThat(types(out)).containsExactly("response.created", "response.in_progress", "response.incomplete");
        assertThat(data(out).getLast().at("/response/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(data(out).getLast().at("/response/usage/input_tokens").asLong()).isEqualTo(5);
    }

    @Test
    void theTranscriptFixtureIsReadAsTheUpstreamFramesIt() {
        assertThat(new String(bytes(DIR + "stream-tools.gemini.sse"), java.nio.charset.StandardCharsets.UTF_8)).contains("\r\n\r\n");
    }
}
