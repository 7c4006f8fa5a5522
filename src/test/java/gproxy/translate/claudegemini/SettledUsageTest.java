package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudegemini.Contexts.CLAUDE_TO_GEMINI;
import static gproxy.translate.claudegemini.Contexts.GEMINI_TO_CLAUDE;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.run;
import static gproxy.translate.golden.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.billing.StreamUsage;
import gproxy.billing.UsageExtractor;
import gproxy.billing.UsageReport;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.Translation;

/**
 * The usage a client reads from a translated answer, read by the billing extractor of the client's
 * dialect, equals the usage settled from the upstream's answer by the extractor of the upstream's
 * dialect: the client is told exactly what it is charged for.
 */
class SettledUsageTest {

    private static UsageReport streamed(Kind dialect, List<SseEvent> events) {
        StreamUsage usage = UsageExtractor.of(dialect).stream();
        events.forEach(usage::observe);
        assertThat(usage.trusted()).as("%s saw its final usage frame", dialect).isTrue();
        return usage.report().orElseThrow();
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = USAGE, verdict = SUPPORTED,
            note = "the usage a Claude client reads (message_start input, cumulative message_delta) equals the usage"
                    + " settled from Gemini's last usageMetadata, cache reads and thoughts included, streamed or not")
    @Test
    void aClaudeClientReadsTheUsageSettledFromGeminisStream() {
        for (String fixture : List.of("stream-tools.gemini.sse", "stream-text.gemini.sse")) {
            List<SseEvent> upstream = sse(CLAUDE_TO_GEMINI + fixture);
            List<SseEvent> client = run(ClaudeGemini.clientClaude().streamConverter().get(), upstream);
            assertThat(streamed(CLAUDE_MESSAGES, client)).as(fixture).isEqualTo(streamed(GEMINI_GENERATE, upstream));
        }
    }

    @Test
    void aClaudeClientReadsTheUsageSettledFromGeminisWholeAnswer() {
        byte[] upstream = bytes(CLAUDE_TO_GEMINI + "response-tools.gemini.json");
        byte[] client = ClaudeGemini.clientClaude().response().translate(upstream, Contexts.toGemini());
        assertThat(UsageExtractor.of(CLAUDE_MESSAGES).fromBody(client))
                .isEqualTo(UsageExtractor.of(GEMINI_GENERATE).fromBody(upstream)).isPresent();
    }

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = SUPPORTED,
            note = "the usage a Gemini client reads on the last chunk equals the usage settled from Claude's"
                    + " message_start + message_delta (when Claude wrote no cache), streamed or not")
    @Test
    void aGeminiClientReadsTheUsageSettledFromClaudesStream() {
        List<SseEvent> upstream = sse(GEMINI_TO_CLAUDE + "stream-tools.claude.sse");
        List<SseEvent> client = run(ClaudeGemini.clientGemini().streamConverter().get(), upstream);
        assertThat(streamed(GEMINI_GENERATE, client)).isEqualTo(streamed(CLAUDE_MESSAGES, upstream));
    }

    @Test
    void aGeminiClientReadsTheUsageSettledFromClaudesWholeAnswer() {
        Translation pair = ClaudeGemini.clientGemini();
        byte[] upstream = bytes(GEMINI_TO_CLAUDE + "response-tools.claude.json");
        byte[] client = pair.response().translate(upstream, Contexts.toClaude(false));
        assertThat(UsageExtractor.of(GEMINI_GENERATE).fromBody(client))
                .isEqualTo(UsageExtractor.of(CLAUDE_MESSAGES).fromBody(upstream)).isPresent();
    }

    @Test
    void claudesCacheWritesReachAGeminiClientAsPromptTokensSoNoTokenIsLost() {
        byte[] upstream = ("{\"type\":\"message\",\"content\":[],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":10,"
                + "\"cache_creation_input_tokens\":300,\"cache_read_input_tokens\":50,\"output_tokens\":7}}").getBytes();
        UsageReport settled = UsageExtractor.of(CLAUDE_MESSAGES).fromBody(upstream).orElseThrow();
        UsageReport told = UsageExtractor.of(GEMINI_GENERATE)
                .fromBody(ClaudeGemini.clientGemini().response().translate(upstream, Contexts.toClaude(false))).orElseThrow();
        assertThat(told.inputTokens()).isEqualTo(settled.inputTokens() + settled.cacheCreation5mTokens());
        assertThat(told.cacheReadTokens()).isEqualTo(settled.cacheReadTokens());
        assertThat(told.outputTokens()).isEqualTo(settled.outputTokens());
    }
}
