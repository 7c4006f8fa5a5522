package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudechat.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;

/** Both stream converters: usage equality, agreement with the whole answer, and ends that are not clean. */
class StreamsTest {
    private static final String TO_CLAUDE = "claude-to-openai-chat/";
    private static final String TO_OPENAI = "openai-chat-to-claude/";

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = USAGE, verdict = SUPPORTED,
            note = "stream: the client's summed usage equals the upstream's reported usage, token for token")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "reasoning"})
    void claudeClientSeesExactlyTheUsageTheOpenAiUpstreamReported(String name) {
        List<SseEvent> upstream = sse(TO_CLAUDE + name + ".upstream.sse");
        JsonNode reported = upstream.stream().map(e -> Nodes.parse(e.dataText()).orElse(Json.object()))
                .filter(c -> c.path("usage").isObject()).reduce((a, b) -> b).orElseThrow().path("usage");

        JsonNode usage = Accumulate.claudeMessage(Golden.run(new OpenAiChatToClaudeStream(), upstream)).path("usage");

        long input = usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
                + usage.path("cache_creation_input_tokens").asLong();
        assertThat(input).isEqualTo(reported.path("prompt_tokens").asLong());
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(reported.path("completion_tokens").asLong());
        assertThat(input + usage.path("output_tokens").asLong()).isEqualTo(reported.path("total_tokens").asLong());
        assertThat(usage.path("cache_read_input_tokens").asLong())
                .isEqualTo(reported.path("prompt_tokens_details").path("cached_tokens").asLong());
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = SUPPORTED,
            note = "stream: the client's usage chunk equals message_start + message_delta usage, token for token")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "structured"})
    void openAiClientSeesExactlyTheUsageTheClaudeUpstreamReported(String name) {
        List<SseEvent> upstream = sse(TO_OPENAI + name + ".upstream.sse");
        JsonNode reported = Accumulate.claudeMessage(upstream).path("usage");

        JsonNode usage = Accumulate.openAiCompletion(Golden.run(stream(), upstream)).path("usage");

        long input = reported.path("input_tokens").asLong() + reported.path("cache_read_input_tokens").asLong()
                + reported.path("cache_creation_input_tokens").asLong();
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(input);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(reported.path("output_tokens").asLong());
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(input + reported.path("output_tokens").asLong());
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asLong())
                .isEqualTo(reported.path("cache_read_input_tokens").asLong());
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "a streamed answer folds (as the Anthropic SDK does) into exactly the whole answer's conversion")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "reasoning"})
    void aClaudeClientsStreamFoldsIntoTheSameMessageAsTheWholeAnswer(String name) {
        List<SseEvent> upstream = sse(TO_CLAUDE + name + ".upstream.sse");
        ObjectNode whole = Accumulate.openAiCompletion(upstream);
        whole.put("id", "x");

        ObjectNode streamed = Accumulate.claudeMessage(Golden.run(new OpenAiChatToClaudeStream(), upstream));
        JsonNode converted = Json.parse(OpenAiChatToClaudeResponse.translate(Json.bytes(whole), Golden.context()));

        assertThat(streamed.path("content")).isEqualTo(converted.path("content"));
        assertThat(streamed.path("stop_reason")).isEqualTo(converted.path("stop_reason"));
        assertThat(streamed.path("usage")).isEqualTo(converted.path("usage"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "a streamed answer folds (as the OpenAI SDK does) into exactly the whole answer's conversion")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "structured"})
    void anOpenAiClientsStreamFoldsIntoTheSameCompletionAsTheWholeAnswer(String name) {
        List<SseEvent> upstream = sse(TO_OPENAI + name + ".upstream.sse");
        ObjectNode whole = Accumulate.claudeMessage(upstream);

        JsonNode streamed = Accumulate.openAiCompletion(Golden.run(stream(), upstream)).path("choices").path(0);
        JsonNode converted = Json.parse(new ClaudeToOpenAiChatResponse(() -> 0).translate(Json.bytes(whole),
                Golden.context())).path("choices").path(0);

        assertThat(streamed.path("finish_reason")).isEqualTo(converted.path("finish_reason"));
        JsonNode a = streamed.path("message");
        JsonNode b = converted.path("message");
        // Whole answers re-serialise tool input; streams carry the model's own JSON text: compare as JSON.
        assertThat(Nodes.parse(a.path("content").asText()).orElse(a.path("content")))
                .isEqualTo(Nodes.parse(b.path("content").asText()).orElse(b.path("content")));
        assertThat(a.path("reasoning_content")).isEqualTo(b.path("reasoning_content"));
        assertThat(a.path("reasoning_details")).isEqualTo(b.path("reasoning_details"));
        assertThat(a.path("tool_calls").findValuesAsText("name")).isEqualTo(b.path("tool_calls").findValuesAsText("name"));
        for (int i = 0; i < b.path("tool_calls").size(); i++) {
            assertThat(Json.parse(a.path("tool_calls").path(i).path("function").path("arguments").asText()))
                    .isEqualTo(Json.parse(b.path("tool_calls").path(i).path("function").path("arguments").asText()));
        }
    }

    @Test
    void anOpenAiStreamCutBeforeItsFinishReasonIsLeftOpenForTheRelaysError() {
        List<SseEvent> cut = sse(TO_CLAUDE + "tools.upstream.sse").subList(0, 4);

        List<SseEvent> out = Golden.run(new OpenAiChatToClaudeStream(), cut);

        assertThat(types(out)).doesNotContain("message_delta", "message_stop");
    }

    @Test
    void anOpenAiStreamEndingAfterItsFinishReasonWithoutDoneStillCloses() {
        List<SseEvent> all = sse(TO_CLAUDE + "tools.upstream.sse");
        List<SseEvent> noDone = all.subList(0, all.size() - 1);

        List<SseEvent> out = Golden.run(new OpenAiChatToClaudeStream(), noDone);

        assertThat(types(out)).endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(Accumulate.claudeMessage(out).path("usage").path("input_tokens").asLong()).isEqualTo(300);
    }

    @Test
    void aClaudeStreamCutBeforeMessageDeltaIsLeftOpenAndOneCutAfterItCloses() {
        List<SseEvent> all = sse(TO_OPENAI + "text.upstream.sse");

        List<SseEvent> cut = Golden.run(stream(), all.subList(0, 5));
        List<SseEvent> afterDelta = Golden.run(stream(), all.subList(0, all.size() - 1));

        assertThat(cut).extracting(SseEvent::dataText).doesNotContain("[DONE]");
        assertThat(afterDelta.getLast().dataText()).isEqualTo("[DONE]");
        assertThat(Accumulate.openAiCompletion(afterDelta).path("usage").path("total_tokens").asLong()).isEqualTo(45);
    }

    @Test
    void errorEventsChangeDialectAndEndTheStream() {
        OpenAiChatToClaudeStream toClaude = new OpenAiChatToClaudeStream();
        List<SseEvent> claude = new ArrayList<>(toClaude.onEvent(SseEvent.data("{\"error\":{\"message\":\"boom\","
                + "\"type\":\"server_error\"}}")));
        claude.addAll(toClaude.onEvent(SseEvent.data("{\"choices\":[{\"delta\":{\"content\":\"late\"}}]}")));
        claude.addAll(toClaude.finish());
        ClaudeToOpenAiChatStream toOpenAi = stream();
        List<SseEvent> openAi = new ArrayList<>(toOpenAi.onEvent(SseEvent.of("error", "{\"type\":\"error\",\"error\":"
                + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        openAi.addAll(toOpenAi.finish());

        assertThat(claude).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("error");
            assertThat(Json.parse(e.dataText()).path("error").path("type").asText()).isEqualTo("api_error");
        });
        assertThat(openAi).singleElement().satisfies(e -> assertThat(Json.parse(e.dataText()).path("error")
                .path("type").asText()).isEqualTo("overloaded_error"));
    }

    @Test
    void garbageAndUnknownEventsAreDroppedNeverACrash() {
        List<SseEvent> junk = List.of(SseEvent.data("not json"), SseEvent.data("[1,2]"), SseEvent.data("{}"),
                SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":9,\"delta\":"
                        + "{\"type\":\"text_delta\"}}"), SseEvent.of("future_event", "{\"type\":\"future_event\"}"),
                SseEvent.data("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{}}]}}]}"), SseEvent.comment("hi"));

        List<SseEvent> claude = Golden.run(new OpenAiChatToClaudeStream(), junk);
        List<SseEvent> openAi = Golden.run(stream(), junk);

        assertThat(types(claude)).doesNotContain("message_stop");
        assertThat(openAi).extracting(SseEvent::dataText).doesNotContain("[DONE]");
    }

    @Test
    void toolCallsWithoutAnIndexAreStillToldApart() {
        List<SseEvent> upstream = List.of(
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":"
                        + "\"f\",\"arguments\":\"{\\\"x\\\":1}\"}},{\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":"
                        + "\"{}\"}}]}}]}"),
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"),
                SseEvent.data("[DONE]"));

        ObjectNode message = Accumulate.claudeMessage(Golden.run(new OpenAiChatToClaudeStream(), upstream));

        assertThat(message.path("content")).isEqualTo(Json.parse("[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"f\","
                + "\"input\":{\"x\":1}},{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"g\",\"input\":{}}]"));
    }

    @Test
    void aLateFragmentOfAnInterleavedCallStillReachesItsCall() {
        String call = "{\"id\":\"c\",\"choices\":[{\"delta\":{\"tool_calls\":[%s]}}]}";
        List<SseEvent> upstream = List.of(
                SseEvent.data(call.formatted("{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}}")),
                SseEvent.data(call.formatted("{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}")),
                SseEvent.data(call.formatted("{\"index\":0,\"function\":{\"arguments\":\"2}\"}}")),
                SseEvent.data("{\"id\":\"c\",\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"),
                SseEvent.data("[DONE]"));

        ObjectNode message = Accumulate.claudeMessage(Golden.run(new OpenAiChatToClaudeStream(), upstream));

        assertThat(message.path("content").path(0).path("input")).isEqualTo(Json.parse("{\"x\":2}"));
        assertThat(message.path("content").path(1).path("input")).isEqualTo(Json.object());
    }

    @Test
    void redactedThinkingStreamsBothWays() {
        List<SseEvent> claudeUpstream = List.of(
                SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{}}}"),
                SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"redacted_thinking\",\"data\":\"ENC\"}}"),
                SseEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                        + "\"usage\":{\"output_tokens\":3}}"),
                SseEvent.of("message_stop", "{\"type\":\"message_stop\"}"));

        List<SseEvent> openAi = Golden.run(stream(), claudeUpstream);
        List<SseEvent> claudeAgain = Golden.run(new OpenAiChatToClaudeStream(), openAi);

        assertThat(Accumulate.openAiCompletion(openAi).path("choices").path(0).path("message").path("reasoning_details"))
                .isEqualTo(Json.parse("[{\"type\":\"reasoning.encrypted\",\"data\":\"ENC\",\"format\":\"anthropic-claude-v1\","
                        + "\"index\":0}]"));
        assertThat(Accumulate.claudeMessage(claudeAgain).path("content"))
                .isEqualTo(Json.parse("[{\"type\":\"redacted_thinking\",\"data\":\"ENC\"}]"));
    }

    static ClaudeToOpenAiChatStream stream() {
        return new ClaudeToOpenAiChatStream(() -> Golden.CREATED);
    }

    static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::type).toList();
    }
}
