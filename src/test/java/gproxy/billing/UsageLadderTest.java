package gproxy.billing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import gproxy.billing.TokenCounter.TokenCount;
import gproxy.protocol.Kind;

class UsageLadderTest {
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"abcdefgh\"}]}".getBytes(UTF_8);

    @Test
    void trustedUpstreamUsageIsTakenAsReportedWithoutCounting() {
        AtomicInteger calls = new AtomicInteger();
        UsageLadder ladder = new UsageLadder(r -> {
            calls.incrementAndGet();
            return Optional.of(new TokenCount(1, 1));
        });
        UsageReport reported = UsageReport.of(100, 50, UsageSource.UPSTREAM);

        assertThat(ladder.resolve(Optional.of(reported), true, request("claude-x", "out"))).isEqualTo(reported);
        assertThat(calls).hasValue(0);
    }

    @Test
    void gptFamilyModelsAreCountedLocallyBeforeTheUpstreamCounterIsAsked() {
        AtomicInteger calls = new AtomicInteger();
        UsageLadder ladder = new UsageLadder(r -> {
            calls.incrementAndGet();
            return Optional.empty();
        });

        UsageReport usage = ladder.resolve(Optional.empty(), false, request("gpt-4o-mini", "Hello world"));

        assertThat(usage.source()).isEqualTo(UsageSource.COUNTED);
        assertThat(usage.inputTokens()).isEqualTo(GptTokenizer.INSTANCE.count(request("gpt-4o", "")).orElseThrow().inputTokens());
        assertThat(usage.outputTokens()).isEqualTo(2);
        assertThat(calls).hasValue(0);
    }

    @Test
    void otherModelsAskTheUpstreamCounter() {
        UsageLadder ladder = new UsageLadder(r -> Optional.of(new TokenCount(40, 7)));

        assertThat(ladder.resolve(Optional.empty(), false, request("claude-sonnet-4-5", "x")))
                .isEqualTo(UsageReport.of(40, 7, UsageSource.COUNTED));
    }

    @Test
    void aFailingOrThrowingCounterFallsToTheCharacterEstimate() {
        UsageLadder empty = new UsageLadder(TokenCounter.NONE);
        UsageLadder throwing = new UsageLadder(r -> {
            throw new IllegalStateException("timeout");
        });
        CountRequest request = new CountRequest("gemini-2.5-pro", BODY, "abcdefgh", "", 5);

        assertThat(empty.resolve(Optional.empty(), false, request)).isEqualTo(UsageReport.of(4, 3, UsageSource.ESTIMATED));
        assertThat(throwing.resolve(Optional.empty(), false, request)).isEqualTo(UsageReport.of(4, 3, UsageSource.ESTIMATED));
    }

    @Test
    void partialUpstreamUsageKeepsItsInputAndCacheSplitAndTakesTheLargerOutput() {
        UsageLadder ladder = new UsageLadder(TokenCounter.NONE);
        UsageReport partial = new UsageReport(40, 1, 9000, 0, 0, 0, 0, Optional.of("priority"), UsageSource.UPSTREAM);

        UsageReport usage = ladder.resolve(Optional.of(partial), false,
                new CountRequest("claude-sonnet-4-5", BODY, "a long request text that is not counted", "cut", 33));

        assertThat(usage).isEqualTo(new UsageReport(40, 17, 9000, 0, 0, 0, 0, Optional.of("priority"), UsageSource.ESTIMATED));
    }

    @Test
    void aCountOfTruncatedOutputIsScaledToEveryProducedCharacter() {
        UsageLadder ladder = new UsageLadder(r -> Optional.of(new TokenCount(1, 10)));

        UsageReport usage = ladder.resolve(Optional.empty(), false, new CountRequest("claude-x", BODY, "t", "0123456789", 100));

        assertThat(usage.outputTokens()).isEqualTo(100);
    }

    @Test
    void aStreamCutAfterMessageStartIsBilledWithItsReportedInput() {
        StreamUsage stream = UsageFixtures.streamed(UsageExtractor.of(Kind.CLAUDE_MESSAGES), "claude/stream-cut-after-start.sse");
        StreamText text = new StreamText(Kind.CLAUDE_MESSAGES);
        UsageFixtures.events("claude/stream-cut-after-start.sse").forEach(text::observe);

        UsageReport usage = new UsageLadder(TokenCounter.NONE)
                .resolve(stream.report(), stream.trusted(), CountRequest.of("claude-sonnet-4-5", BODY, text));

        assertThat(usage.inputTokens()).isEqualTo(40);
        assertThat(usage.cacheReadTokens()).isEqualTo(9000);
        assertThat(usage.outputTokens()).isEqualTo(CharacterEstimate.tokens("The answer begins here and is cut"));
        assertThat(usage.source()).isEqualTo(UsageSource.ESTIMATED);
    }

    private static CountRequest request(String model, String output) {
        return new CountRequest(model, BODY, "Hello world", output, output.length());
    }
}
