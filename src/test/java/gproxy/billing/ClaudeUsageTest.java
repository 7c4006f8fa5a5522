package gproxy.billing;

import static gproxy.billing.UsageFixtures.bytes;
import static gproxy.billing.UsageFixtures.report;
import static gproxy.billing.UsageFixtures.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;

class ClaudeUsageTest {
    private final UsageExtractor claude = UsageExtractor.of(Kind.CLAUDE_MESSAGES);

    @Test
    void cacheCreationIsSplitByTtlAndInputAlreadyExcludesCache() {
        assertThat(claude.fromBody(bytes("claude/body-cache-ttl.json")))
                .contains(report(50, 80, 1000, 100, 200, 0, Optional.of("priority")));
    }

    @Test
    void aCreationTotalWithoutTtlSplitIsFiveMinuteWrites() {
        assertThat(claude.fromBody(bytes("claude/body-creation-total-only.json")))
                .contains(report(12, 5, 0, 250, 0, 0, Optional.empty()));
    }

    @Test
    void aPartOfTheTotalTheSplitLeavesOutIsFiveMinuteWrites() {
        String body = "{\"usage\":{\"input_tokens\":1,\"cache_creation_input_tokens\":500,"
                + "\"cache_creation\":{\"ephemeral_1h_input_tokens\":300},\"output_tokens\":2}}";

        assertThat(claude.fromBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contains(report(1, 2, 0, 200, 300, 0, Optional.empty()));
    }

    @Test
    void inputCountsRepeatedInMessageDeltaAreNotCountedTwice() {
        StreamUsage usage = streamed(claude, "claude/stream-repeated-input.sse");

        assertThat(usage.report()).contains(report(472, 512, 8000, 0, 2000, 0, Optional.of("standard")));
        assertThat(usage.trusted()).isTrue();
        assertThat(usage.parsedEvents()).isEqualTo(2);
    }

    @Test
    void aDeltaThatSaysZeroInputKeepsTheStartCounts() {
        StreamUsage usage = streamed(claude, "claude/stream-delta-zero-input.sse");

        assertThat(usage.report()).contains(report(25, 15, 300, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isTrue();
    }

    @Test
    void aStreamCutAfterMessageStartHasPartialUntrustedUsage() {
        StreamUsage usage = streamed(claude, "claude/stream-cut-after-start.sse");

        assertThat(usage.report()).contains(report(40, 1, 9000, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isFalse();
    }

    @Test
    void dataOnlyEventsAreRecognizedByTheirType() {
        StreamUsage usage = claude.stream();
        usage.observeData("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}");
        usage.observeData("{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"x\"}}");
        usage.observeData("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":9,\"speed\":\"fast\"}}");

        assertThat(usage.report()).contains(report(3, 9, 0, 0, 0, 0, Optional.of("priority")));
        assertThat(usage.parsedEvents()).isEqualTo(2);
    }
}
