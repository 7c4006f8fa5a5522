package gproxy.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;

/** Usage extraction must stay cheap on long streams: content events are never parsed. */
class StreamUsageCostTest {
    private static final int EVENTS = 2000;

    @Test
    void aLongChatStreamParsesOnlyItsUsageChunk() {
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(SseEvent.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"token " + i + " about \\\"usage\\\": {}\"},\"finish_reason\":null}],\"usage\":null}"));
        }
        events.add(SseEvent.data("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}"));
        events.add(SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2000}}"));
        events.add(SseEvent.data("[DONE]"));

        StreamUsage usage = UsageExtractor.of(Kind.OPENAI_CHAT).stream();
        events.forEach(usage::observe);

        assertThat(usage.trusted()).isTrue();
        assertThat(usage.report().orElseThrow().outputTokens()).isEqualTo(2000);
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }

    @Test
    void aLongClaudeStreamParsesOnlyMessageStartAndMessageDelta() {
        StreamUsage usage = UsageExtractor.of(Kind.CLAUDE_MESSAGES).stream();
        usage.observe(SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"));
        for (int i = 0; i < EVENTS; i++) {
            usage.observe(SseEvent.of("content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"usage " + i + "\"}}"));
        }
        usage.observe(SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":2000}}"));

        assertThat(usage.report().orElseThrow().outputTokens()).isEqualTo(2000);
        assertThat(usage.parsedEvents()).isEqualTo(2);
    }

    @Test
    void aLongGeminiStreamWithUsageInEveryChunkParsesOnlyTheLast() {
        StreamUsage usage = UsageExtractor.of(Kind.GEMINI_GENERATE).stream();
        for (int i = 1; i <= EVENTS; i++) {
            String finish = i == EVENTS ? ",\"finishReason\":\"STOP\"" : "";
            usage.observe(SseEvent.data("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"t\"}]}" + finish
                    + "}],\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":" + i + "}}"));
        }

        assertThat(usage.report().orElseThrow().outputTokens()).isEqualTo(EVENTS);
        usage.report();
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }

    @Test
    void aLongResponsesStreamParsesOnlyTheTerminalEvent() {
        StreamUsage usage = UsageExtractor.of(Kind.OPENAI_RESPONSES).stream();
        for (int i = 0; i < EVENTS; i++) {
            usage.observe(SseEvent.of("response.output_text.delta",
                    "{\"type\":\"response.output_text.delta\",\"delta\":\"\\\"usage\\\":{\"}"));
        }
        usage.observe(SseEvent.of("response.completed",
                "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":2000}}}"));

        assertThat(usage.report().orElseThrow().outputTokens()).isEqualTo(2000);
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }
}
