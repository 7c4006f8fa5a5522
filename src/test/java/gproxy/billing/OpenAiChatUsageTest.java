package gproxy.billing;

import static gproxy.billing.UsageFixtures.bytes;
import static gproxy.billing.UsageFixtures.report;
import static gproxy.billing.UsageFixtures.streamed;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;

class OpenAiChatUsageTest {
    private final UsageExtractor chat = UsageExtractor.of(Kind.OPENAI_CHAT);

    @Test
    void cachedTokensAreSplitOutOfThePromptAndReasoningStaysInOutput() {
        assertThat(chat.fromBody(bytes("openai-chat/body-cached-reasoning.json")))
                .contains(report(86, 300, 1920, 0, 0, 0, Optional.of("standard")));
    }

    @Test
    void imageTokensAreSplitOutOfCompletionTokensAsImageOutput() {
        assertThat(chat.fromBody(bytes("openai-chat/body-image-tokens.json")))
                .contains(report(12, 10, 0, 0, 0, 1290, Optional.empty()));
    }

    @Test
    void cacheWriteTokensOfCompatibleServersAreFiveMinuteWrites() {
        assertThat(chat.fromBody(bytes("openai-chat/body-cache-write.json")))
                .contains(report(194, 2, 0, 1000, 0, 0, Optional.empty()));
    }

    @Test
    void deepSeekCacheHitsAreCacheReads() {
        assertThat(chat.fromBody(bytes("openai-chat/body-deepseek.json")))
                .contains(report(360, 20, 640, 0, 0, 0, Optional.empty()));
    }

    @Test
    void aBodyWithoutUsageReportsNothing() {
        assertThat(chat.fromBody(bytes("openai-chat/body-no-usage.json"))).isEmpty();
        assertThat(chat.fromBody("not json".getBytes(UTF_8))).isEmpty();
        assertThat(chat.fromBody("{\"usage\":null}".getBytes(UTF_8))).isEmpty();
    }

    @Test
    void onlyATotalIsBilledAsInput() {
        assertThat(chat.fromBody("{\"usage\":{\"total_tokens\":42}}".getBytes(UTF_8)))
                .contains(report(42, 0, 0, 0, 0, 0, Optional.empty()));
    }

    @Test
    void negativeOrOversizedDetailsNeverProduceACredit() {
        String body = "{\"usage\":{\"prompt_tokens\":-5,\"completion_tokens\":10,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":99},"
                + "\"completion_tokens_details\":{\"image_tokens\":1000}}}";

        assertThat(chat.fromBody(body.getBytes(UTF_8))).contains(report(0, 0, 0, 0, 0, 10, Optional.empty()));
    }

    @Test
    void theFinalUsageChunkOfAStreamIsTrusted() {
        StreamUsage usage = streamed(chat, "openai-chat/stream-include-usage.sse");

        assertThat(usage.report()).contains(report(176, 2, 1024, 0, 0, 0, Optional.of("standard")));
        assertThat(usage.trusted()).isTrue();
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }

    @Test
    void aStreamWithoutUsageIsNotTrustedAndParsesNothing() {
        StreamUsage usage = streamed(chat, "openai-chat/stream-no-usage.sse");

        assertThat(usage.report()).isEmpty();
        assertThat(usage.trusted()).isFalse();
        assertThat(usage.parsedEvents()).isZero();
    }

    @Test
    void usageInAStreamThatNeverFinishedIsNotTrusted() {
        StreamUsage usage = chat.stream();
        usage.observeData("{\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":null}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}");

        assertThat(usage.report()).contains(report(5, 1, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isFalse();
    }

    @Test
    void cumulativeUsageInEveryChunkCountsOnlyTheLast() {
        StreamUsage usage = chat.stream();
        for (int i = 1; i <= 5; i++) {
            usage.observeData("{\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":" + (i == 5 ? "\"stop\"" : "null")
                    + "}],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":" + i + "}}");
        }

        assertThat(usage.report()).contains(report(7, 5, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isTrue();
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }
}
