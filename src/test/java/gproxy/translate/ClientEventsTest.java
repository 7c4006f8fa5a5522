package gproxy.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import org.junit.jupiter.api.Test;

/** The client's view of a converted stream: its model name, and usage only where the client takes it. */
class ClientEventsTest {
    private static final SseEvent CHAT_CONTENT = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"claude-sonnet-4-5\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}");
    private static final SseEvent CHAT_USAGE_ONLY = SseEvent.data(
            "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"claude-sonnet-4-5\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}");
    private static final SseEvent CHAT_FINISH_WITH_USAGE = SseEvent.data(
            "{\"id\":\"c1\",\"model\":\"gemini-2.5-flash\",\"choices\":[{\"index\":0,\"delta\":{},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}");
    private static final SseEvent DONE = SseEvent.data("[DONE]");

    private static ClientEvents view(Kind client, boolean includeUsage) {
        return new ClientEvents(new Replay(), client,
                new TranslationContext("upstream-id", "my-route", true, Optional.empty(), includeUsage));
    }

    @Test
    void aChatClientThatDidNotAskLosesTheUsageOnlyChunkAndTheUsageOnAFinishChunk() {
        List<SseEvent> out = view(Kind.OPENAI_CHAT, false).view(List.of(CHAT_CONTENT, CHAT_FINISH_WITH_USAGE,
                CHAT_USAGE_ONLY, DONE));

        assertThat(out).hasSize(3);
        assertThat(out).extracting(SseEvent::dataText).noneMatch(d -> d.contains("usage"));
        assertThat(Json.parse(out.get(1).dataText()).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(out.getLast()).isEqualTo(DONE);
    }

    @Test
    void aChatClientThatAskedKeepsTheUsageChunkUnderItsOwnModelName() {
        List<SseEvent> out = view(Kind.OPENAI_CHAT, true).view(List.of(CHAT_CONTENT, CHAT_USAGE_ONLY, DONE));

        assertThat(out).hasSize(3);
        assertThat(Json.parse(out.get(1).dataText()).at("/usage/prompt_tokens").asLong()).isEqualTo(3);
        assertThat(out.subList(0, 2)).allSatisfy(e -> assertThat(Json.parse(e.dataText()).path("model").asText())
                .isEqualTo("my-route"));
    }

    @Test
    void aClaudeClientSeesItsModelInMessageStartAndOtherEventsPassUntouched() {
        SseEvent start = SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\","
                + "\"model\":\"gpt-4o-mini\",\"content\":[],\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}");
        SseEvent delta = SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"the \\\"model\\\" said\"}}");

        List<SseEvent> out = view(Kind.CLAUDE_MESSAGES, true).view(List.of(start, delta));

        assertThat(out.getFirst().type()).isEqualTo("message_start");
        assertThat(Json.parse(out.getFirst().dataText()).at("/message/model").asText()).isEqualTo("my-route");
        assertThat(Json.parse(out.getFirst().dataText()).at("/message/usage/input_tokens").asLong()).isEqualTo(3);
        assertThat(out.get(1)).isSameAs(delta);
    }

    @Test
    void aResponsesClientSeesItsModelInTheResponseEnvelopeOfEachEvent() {
        SseEvent created = SseEvent.of("response.created", "{\"type\":\"response.created\",\"sequence_number\":0,"
                + "\"response\":{\"id\":\"resp_1\",\"model\":\"claude-sonnet-4-5\",\"status\":\"in_progress\"}}");

        SseEvent out = view(Kind.OPENAI_RESPONSES, true).view(List.of(created)).getFirst();

        assertThat(out.type()).isEqualTo("response.created");
        assertThat(Json.parse(out.dataText()).at("/response/model").asText()).isEqualTo("my-route");
    }

    @Test
    void aGeminiClientSeesItsModelAsModelVersion() {
        SseEvent chunk = SseEvent.data("{\"candidates\":[],\"modelVersion\":\"gpt-4o-mini\","
                + "\"usageMetadata\":{\"promptTokenCount\":3}}");

        SseEvent out = view(Kind.GEMINI_GENERATE, true).view(List.of(chunk)).getFirst();

        assertThat(Json.parse(out.dataText()).path("modelVersion").asText()).isEqualTo("my-route");
        assertThat(Json.parse(out.dataText()).at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(3);
    }

    @Test
    void theTranslationOfAPairOpensItsStreamUnderTheClientsView() {
        Translation pair = Translations.find(Kind.OPENAI_CHAT, Kind.CLAUDE_MESSAGES).orElseThrow();

        StreamTranslator stream = pair.stream(new TranslationContext("claude-sonnet-4-5", "my-route", true,
                Optional.empty(), false));

        List<SseEvent> out = new java.util.ArrayList<>(stream.onEvent(SseEvent.of("message_start",
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\","
                        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}")));
        out.addAll(stream.onEvent(SseEvent.of("message_stop", "{\"type\":\"message_stop\"}")));
        out.addAll(stream.finish());
        assertThat(out).isNotEmpty();
        assertThat(out).extracting(SseEvent::dataText).noneMatch(d -> d.contains("\"usage\""))
                .noneMatch(d -> d.contains("claude-sonnet-4-5"));
    }

    /** A converter that hands back what it is given. */
    private static final class Replay implements StreamTranslator {
        @Override
        public List<SseEvent> onEvent(SseEvent upstreamEvent) {
            return List.of(upstreamEvent);
        }

        @Override
        public List<SseEvent> finish() {
            return List.of();
        }
    }
}
