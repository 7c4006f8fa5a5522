package gproxy.translate.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.translate.TranslationContext;
import org.junit.jupiter.api.Test;

/** Whole answers as the streams their dialects would have sent: every block, the finish and the usage. */
class SyntheticStreamsTest {
    private static final TranslationContext ASKED = new TranslationContext("up", "my-model", false, Optional.empty(),
            true);
    private static final TranslationContext UNASKED = new TranslationContext("up", "my-model", false,
            Optional.empty(), false);

    private static List<SseEvent> of(Kind kind, String json, TranslationContext context) {
        return SyntheticStreams.of(kind, json.getBytes(StandardCharsets.UTF_8), context);
    }

    private static JsonNode data(SseEvent event) {
        return Json.parse(event.dataText());
    }

    @Test
    void aClaudeMessageBecomesStartBlocksWithTheirDeltasAndTheStopWithUsage() {
        List<SseEvent> events = of(Kind.CLAUDE_MESSAGES, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                            {"type":"text","text":"let me look"},
                            {"type":"tool_use","id":"toolu_1","name":"search","input":{"q":"x"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":12,"output_tokens":7,"cache_read_input_tokens":3}}""", ASKED);

        assertThat(events).extracting(SseEvent::type).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        JsonNode start = data(events.getFirst()).path("message");
        assertThat(start.path("model").asText()).isEqualTo("my-model");
        assertThat(start.path("content").isEmpty()).isTrue();
        assertThat(start.at("/usage/input_tokens").asLong()).isEqualTo(12);
        assertThat(start.at("/usage/cache_read_input_tokens").asLong()).isEqualTo(3);
        assertThat(data(events.get(3)).at("/delta/signature").asText()).isEqualTo("sig");
        assertThat(data(events.get(6)).at("/delta/text").asText()).isEqualTo("let me look");
        assertThat(data(events.get(8)).at("/content_block/name").asText()).isEqualTo("search");
        assertThat(data(events.get(8)).path("index").asInt()).isEqualTo(2);
        assertThat(Json.parse(data(events.get(9)).at("/delta/partial_json").asText()).path("q").asText())
                .isEqualTo("x");
        JsonNode end = data(events.get(11));
        assertThat(end.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(end.at("/usage/output_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void aChatCompletionBecomesContentToolCallAndFinishChunksThenTheUsageChunkAndDone() {
        String completion = """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"checking",
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}""";

        List<SseEvent> events = of(Kind.OPENAI_CHAT, completion, ASKED);

        assertThat(events).hasSize(5);
        assertThat(data(events.get(0)).at("/choices/0/delta/content").asText()).isEqualTo("checking");
        assertThat(data(events.get(0)).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(data(events.get(1)).at("/choices/0/delta/tool_calls/0/index").asInt()).isZero();
        assertThat(data(events.get(1)).at("/choices/0/delta/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"a\":1}");
        assertThat(data(events.get(2)).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(data(events.get(3)).path("choices").isEmpty()).isTrue();
        assertThat(data(events.get(3)).at("/usage/total_tokens").asLong()).isEqualTo(13);
        assertThat(events.subList(0, 4)).allSatisfy(e -> {
            assertThat(data(e).path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(data(e).path("model").asText()).isEqualTo("my-model");
        });
        assertThat(events.getLast().dataText()).isEqualTo("[DONE]");
        assertThat(of(Kind.OPENAI_CHAT, completion, UNASKED)).hasSize(4)
                .extracting(SseEvent::dataText).noneMatch(d -> d.contains("usage"));
    }

    @Test
    void aResponsesResponseBecomesNumberedEventsPerItemEndingWithTheWholeResponse() {
        List<SseEvent> events = of(Kind.OPENAI_RESPONSES, """
                {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"gemini",
                 "output":[{"id":"msg_1","type":"message","status":"completed","role":"assistant",
                            "content":[{"type":"output_text","text":"hi","annotations":[]}]},
                           {"id":"fc_1","type":"function_call","status":"completed","call_id":"call_1",
                            "name":"f","arguments":"{}"}],
                 "usage":{"input_tokens":5,"output_tokens":2,"total_tokens":7}}""", ASKED);

        assertThat(events).extracting(SseEvent::type).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> data(e).path("sequence_number").asInt())
                .containsExactlyElementsOf(IntStream.range(0, events.size()).boxed().toList());
        assertThat(data(events.getFirst()).at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(data(events.getFirst()).at("/response/output").isEmpty()).isTrue();
        assertThat(data(events.get(4)).path("delta").asText()).isEqualTo("hi");
        assertThat(data(events.get(8)).at("/item/arguments").asText()).isEmpty();
        assertThat(data(events.get(10)).path("arguments").asText()).isEqualTo("{}");
        JsonNode done = data(events.getLast()).path("response");
        assertThat(done.path("model").asText()).isEqualTo("my-model");
        assertThat(done.at("/usage/total_tokens").asLong()).isEqualTo(7);
        assertThat(done.path("output")).hasSize(2);
    }

    @Test
    void anIncompleteResponseEndsWithResponseIncomplete() {
        List<SseEvent> events = of(Kind.OPENAI_RESPONSES, "{\"id\":\"r\",\"status\":\"incomplete\",\"output\":[],"
                + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}", ASKED);

        assertThat(events.getLast().type()).isEqualTo("response.incomplete");
    }

    @Test
    void aGeminiAnswerIsOneChunkNamingTheClientsModel() {
        List<SseEvent> events = of(Kind.GEMINI_GENERATE, "{\"candidates\":[{\"content\":{\"role\":\"model\","
                + "\"parts\":[{\"text\":\"hola\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":"
                + "{\"promptTokenCount\":3,\"candidatesTokenCount\":1},\"modelVersion\":\"gemini-2.5-flash\"}", ASKED);

        assertThat(events).hasSize(1);
        assertThat(events.getFirst().event()).isEmpty();
        assertThat(data(events.getFirst()).path("modelVersion").asText()).isEqualTo("my-model");
        assertThat(data(events.getFirst()).at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(3);
    }

    @Test
    void anAnswerThatIsNotAJsonObjectIsTheUpstreamsFault() {
        assertThatThrownBy(() -> of(Kind.CLAUDE_MESSAGES, "<html>", ASKED)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(502));
        assertThatThrownBy(() -> of(Kind.OPENAI_CHAT, "[1]", ASKED)).isInstanceOf(GatewayException.class);
    }
}
