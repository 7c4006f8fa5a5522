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

class OpenAiChatToResponsesStreamTest {
    private static final String DIR = "responses-to-openai-chat/";

    private static List<SseEvent> convert(String fixture) {
        return run(ResponsesChat.clientResponses().streamConverter().get(), sse(DIR + fixture));
    }

    private static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::type).toList();
    }

    @Test
    void reasoningAndTextStreamMatchesTheGolden() {
        assertSse(convert("stream-text.chat.sse"), DIR + "stream-text.responses.sse");
    }

    @Test
    void theEventSequenceOpensStreamsAndClosesEachItemInOrder() {
        assertThat(types(convert("stream-text.chat.sse"))).containsExactly(
                "response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed");
    }

    @Test
    void sequenceNumbersCountUpFromZeroAndEveryEventNamesItsType() {
        List<SseEvent> out = convert("stream-tools.chat.sse");
        List<JsonNode> events = data(out);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
            assertThat(events.get(i).get("type").asText()).isEqualTo(out.get(i).type());
        }
    }

    @Test
    void itemIdsAndOutputIndexesAreConsistentAcrossAnItemsEvents() {
        List<JsonNode> events = data(convert("stream-tools.chat.sse"));
        for (JsonNode e : events) {
            if (e.has("item_id")) {
                JsonNode added = events.stream().filter(a -> a.get("type").asText().equals("response.output_item.added")
                        && a.at("/item/id").asText().equals(e.get("item_id").asText())).findFirst().orElseThrow();
                assertThat(e.get("output_index")).isEqualTo(added.get("output_index"));
            }
        }
    }

    @Test
    void interleavedToolCallFragmentsLandOnTheirOwnFunctionCallItems() {
        List<SseEvent> out = convert("stream-tools.chat.sse");
        assertSse(out, DIR + "stream-tools.responses.sse");
        JsonNode completed = data(out).getLast().get("response");
        assertThat(completed.at("/output/1/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completed.at("/output/2/arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(itemTypes(completed.get("output"))).containsExactly("message", "function_call", "function_call");
    }

    @Test
    void streamedUsageEqualsTheUpstreamsUsage() {
        JsonNode usage = data(convert("stream-text.chat.sse")).getLast().at("/response/usage");
        assertThat(usage).isEqualTo(Json.parse("""
                {"input_tokens":900,"input_tokens_details":{"cached_tokens":768},"output_tokens":12,
                 "output_tokens_details":{"reasoning_tokens":4},"total_tokens":912}"""));
    }

    @Test
    void aLengthFinishIsResponseIncompleteAndRefusalsStreamAsRefusalParts() {
        List<SseEvent> out = convert("stream-length.chat.sse");
        assertThat(types(out)).contains("response.refusal.delta", "response.refusal.done").last().isEqualTo("response.incomplete");
        JsonNode response = data(out).getLast().get("response");
        assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(response.at("/output/0/content/0")).isEqualTo(Json.parse("{\"type\":\"refusal\",\"refusal\":\"I can't help.\"}"));
        assertThat(response.get("usage").isNull()).isTrue();
    }

    @Test
    void anUpstreamErrorIsResponseFailedWithoutItsText() {
        List<SseEvent> out = run(ResponsesChat.clientResponses().streamConverter().get(), List.of(
                SseEvent.data("{\"id\":\"chatcmpl-e\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"),
                SseEvent.data("{\"error\":{\"message\":\"your prompt: secret\"}}"), SseEvent.data("[DONE]")));
        assertThat(out.getLast().type()).isEqualTo("response.failed");
        assertThat(out.getLast().dataText()).doesNotContain("secret");
        assertThat(Json.parse(out.getLast().dataText()).at("/response/status").asText()).isEqualTo("failed");
    }

    @Test
    void aStreamCutBeforeAFinishReasonIsNotCompleted() {
        List<SseEvent> upstream = sse(DIR + "stream-text.chat.sse").subList(0, 3);
        assertThat(types(run(ResponsesChat.clientResponses().streamConverter().get(), upstream))).doesNotContain("response.completed");
    }

    private static List<String> itemTypes(JsonNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(i -> i.get("type").asText()).toList();
    }
}
