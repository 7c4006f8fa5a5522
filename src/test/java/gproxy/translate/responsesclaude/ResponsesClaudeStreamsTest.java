package gproxy.translate.responsesclaude;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.sse;
import static gproxy.translate.responsesclaude.Contexts.CLAUDE_TO_RESPONSES;
import static gproxy.translate.responsesclaude.Contexts.RESPONSES_TO_CLAUDE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;

/** Both stream converters: usage equality, agreement with the whole answer, numbering, and ends that are not clean. */
class ResponsesClaudeStreamsTest {

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = SUPPORTED,
            note = "input_tokens = input + cache read + cache write, cached_tokens = cache read, cache_write_tokens = cache write; the streamed usage equals message_start + message_delta, token for token (Claude names no reasoning tokens: 0)")
    @ParameterizedTest
    @ValueSource(strings = {"stream-tools", "stream-length"})
    void aResponsesClientSeesExactlyTheUsageTheClaudeUpstreamReported(String name) {
        List<SseEvent> upstream = sse(RESPONSES_TO_CLAUDE + name + ".upstream.sse");
        JsonNode reported = Fold.claudeMessage(upstream).path("usage");

        JsonNode usage = data(Contexts.responsesClientStream(upstream)).getLast().at("/response/usage");

        long input = reported.path("input_tokens").asLong() + reported.path("cache_read_input_tokens").asLong()
                + reported.path("cache_creation_input_tokens").asLong();
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(input).isPositive();
        assertThat(usage.at("/input_tokens_details/cached_tokens").asLong()).isEqualTo(reported.path("cache_read_input_tokens").asLong());
        assertThat(usage.at("/input_tokens_details/cache_write_tokens").asLong()).isEqualTo(reported.path("cache_creation_input_tokens").asLong());
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(reported.path("output_tokens").asLong()).isGreaterThan(1);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(input + reported.path("output_tokens").asLong());
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = USAGE, verdict = SUPPORTED,
            note = "input_tokens - cached - written -> input_tokens, cached_tokens -> cache_read_input_tokens, cache_write_tokens -> cache_creation_input_tokens; message_start says 0 and the final message_delta the whole usage, equal to response.completed's, token for token")
    @Test
    void aClaudeClientSeesExactlyTheUsageTheResponsesUpstreamReported() {
        List<SseEvent> upstream = sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse");
        JsonNode reported = data(upstream).getLast().at("/response/usage");

        JsonNode usage = Fold.claudeMessage(Contexts.claudeClientStream(upstream)).path("usage");

        long input = usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
                + usage.path("cache_creation_input_tokens").asLong();
        assertThat(input).isEqualTo(reported.path("input_tokens").asLong()).isEqualTo(1500);
        assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(reported.at("/input_tokens_details/cached_tokens").asLong());
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(reported.path("output_tokens").asLong());
    }

    @Test
    void aResponsesClientsStreamFoldsIntoTheSameOutputAsTheTerminalEventAndTheWholeAnswer() {
        List<SseEvent> upstream = sse(RESPONSES_TO_CLAUDE + "stream-tools.upstream.sse");
        ObjectNode whole = Fold.claudeMessage(upstream);

        ObjectNode folded = Fold.responsesOutput(Contexts.responsesClientStream(upstream));
        JsonNode converted = Json.parse(Contexts.responsesClientAnswer(Json.bytes(whole)));

        assertThat(folded.path("output")).isEqualTo(folded.at("/response/output"));
        assertThat(folded.at("/response/output")).isEqualTo(converted.path("output"));
        assertThat(folded.at("/response/usage")).isEqualTo(converted.path("usage"));
        assertThat(folded.at("/response/status")).isEqualTo(converted.path("status"));
    }

    @Test
    void aClaudeClientsStreamFoldsIntoTheSameMessageAsTheWholeAnswer() {
        List<SseEvent> upstream = sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse");
        JsonNode whole = data(upstream).getLast().path("response");

        ObjectNode streamed = Fold.claudeMessage(Contexts.claudeClientStream(upstream));
        JsonNode converted = Json.parse(Contexts.claudeClientAnswer(Json.bytes(whole)));

        assertThat(streamed.path("content")).isEqualTo(converted.path("content"));
        assertThat(streamed.path("stop_reason")).isEqualTo(converted.path("stop_reason"));
        assertThat(streamed.path("usage")).isEqualTo(converted.path("usage"));
    }

    @Test
    void responsesEventsCountTheirSequenceFromZeroAndKeepEachItemsOutputIndex() {
        List<SseEvent> out = Contexts.responsesClientStream(sse(RESPONSES_TO_CLAUDE + "stream-tools.upstream.sse"));
        List<SseEvent> events = out.stream().filter(SseEvent::dispatchable).toList();
        List<JsonNode> bodies = data(events);
        List<String> open = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode e = bodies.get(i);
            assertThat(e.path("sequence_number").asInt()).isEqualTo(i);
            assertThat(e.path("type").asText()).isEqualTo(events.get(i).type());
            switch (e.path("type").asText()) {
                case "response.output_item.added" -> {
                    assertThat(open).as("one item open at a time").isEmpty();
                    assertThat(e.path("output_index").asInt()).isEqualTo(bodies.stream()
                            .filter(b -> b.path("type").asText().equals("response.output_item.added")).toList().indexOf(e));
                    open.add(e.at("/item/id").asText());
                }
                case "response.output_item.done" -> assertThat(open.remove(e.at("/item/id").asText())).isTrue();
                default -> {
                    if (e.has("item_id")) {
                        assertThat(open).containsExactly(e.path("item_id").asText());
                    }
                }
            }
        }
        assertThat(bodies.getLast().path("type").asText()).isEqualTo("response.completed");
    }

    @Test
    void claudeBlocksCountFromZeroOneOpenAtATime() {
        List<JsonNode> events = data(Contexts.claudeClientStream(sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse")));
        int next = 0;
        Integer open = null;
        for (JsonNode e : events) {
            switch (e.path("type").asText()) {
                case "content_block_start" -> {
                    assertThat(open).isNull();
                    assertThat(e.path("index").asInt()).isEqualTo(next++);
                    open = e.path("index").asInt();
                }
                case "content_block_delta" -> assertThat(e.path("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.path("index").asInt()).isEqualTo(open);
                    open = null;
                }
                default -> { }
            }
        }
        assertThat(next).isEqualTo(4);
        assertThat(events.stream().map(e -> e.path("type").asText()).toList()).startsWith("message_start")
                .endsWith("message_delta", "message_stop");
    }

    @Test
    void aKeepaliveCommentFromAResponsesUpstreamIsAPingForAClaudeClient() {
        ResponsesToClaudeStream stream = new ResponsesToClaudeStream();
        stream.onEvent(sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse").getFirst());

        List<SseEvent> out = stream.onEvent(SseEvent.comment("keepalive"));

        assertThat(out).extracting(SseEvent::type).containsExactly("ping");
    }

    @Test
    void aClaudeStreamCutBeforeMessageDeltaHasNoTerminalEventAndOneCutAfterItCompletes() {
        List<SseEvent> all = sse(RESPONSES_TO_CLAUDE + "stream-tools.upstream.sse");

        List<SseEvent> cut = Contexts.responsesClientStream(all.subList(0, 8));
        List<SseEvent> afterDelta = Contexts.responsesClientStream(all.subList(0, all.size() - 1));

        assertThat(cut).extracting(SseEvent::type).doesNotContain("response.completed", "response.incomplete");
        assertThat(afterDelta.getLast().type()).isEqualTo("response.completed");
        assertThat(data(afterDelta).getLast().at("/response/usage/output_tokens").asLong()).isEqualTo(64);
    }

    @Test
    void aResponsesStreamCutBeforeCompletedIsLeftOpen() {
        List<SseEvent> all = sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse");

        List<SseEvent> cut = Contexts.claudeClientStream(all.subList(0, all.size() - 2));

        assertThat(cut).extracting(SseEvent::type).doesNotContain("message_delta", "message_stop");
    }

    @Test
    void errorEventsChangeDialectAndEndTheStream() {
        ClaudeToResponsesStream toResponses = new ClaudeToResponsesStream(() -> 0);
        List<SseEvent> responses = new ArrayList<>(toResponses.onEvent(sse(RESPONSES_TO_CLAUDE + "stream-tools.upstream.sse").getFirst()));
        responses.addAll(toResponses.onEvent(SseEvent.of("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        responses.addAll(toResponses.onEvent(SseEvent.of("message_stop", "{\"type\":\"message_stop\"}")));
        ResponsesToClaudeStream toClaude = new ResponsesToClaudeStream();
        List<SseEvent> claude = new ArrayList<>(toClaude.onEvent(SseEvent.of("response.failed",
                "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}}")));
        claude.addAll(toClaude.finish());

        assertThat(responses.getLast().type()).isEqualTo("response.failed");
        assertThat(data(responses).getLast().at("/response/error/message").asText()).isEqualTo("Overloaded");
        assertThat(claude).hasSize(1);
        assertThat(Json.parse(claude.getFirst().dataText())).isEqualTo(Json.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
    }

    @Test
    void malformedAndUnknownEventsAreDroppedNeverACrash() {
        List<SseEvent> junk = List.of(SseEvent.data("not json"), SseEvent.data("[1,2]"), SseEvent.data("{\"type\":\"brand_new\"}"),
                SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"),
                SseEvent.of("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":\"nope\",\"content_index\":0}"));

        assertThat(Contexts.responsesClientStream(junk)).isEmpty();
        assertThat(Contexts.claudeClientStream(junk)).extracting(SseEvent::type).containsExactly("message_start");
    }

    @Test
    void aWholeClaudeAnswerWithCacheCountsIsTheSameUsageForAResponsesClient() {
        JsonNode usage = Json.parse(Contexts.responsesClientAnswer(bytes(RESPONSES_TO_CLAUDE + "response-tools.upstream.json"))).path("usage");

        assertThat(usage).isEqualTo(Json.parse("""
                {"input_tokens":2420,"input_tokens_details":{"cached_tokens":2000,"cache_write_tokens":300},"output_tokens":85,
                 "output_tokens_details":{"reasoning_tokens":0},"total_tokens":2505}"""));
    }
}
