package gproxy.billing;

import static gproxy.billing.UsageFixtures.bytes;
import static gproxy.billing.UsageFixtures.report;
import static gproxy.billing.UsageFixtures.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;

class GeminiUsageTest {
    private final UsageExtractor gemini = UsageExtractor.of(Kind.GEMINI_GENERATE);

    @Test
    void cachedContentIsSplitOutOfThePromptAndThoughtsAreOutput() {
        assertThat(gemini.fromBody(bytes("gemini/body-thoughts-cache.json")))
                .contains(report(4000, 340, 8000, 0, 0, 0, Optional.empty()));
    }

    @Test
    void imageCandidatesAreImageOutputAndTheTierIsNormalized() {
        assertThat(gemini.fromBody(bytes("gemini/body-image.json")))
                .contains(report(10, 4, 0, 0, 0, 1290, Optional.of("standard")));
    }

    @Test
    void toolUsePromptTokensAreInput() {
        String body = "{\"usageMetadata\":{\"promptTokenCount\":100,\"toolUsePromptTokenCount\":30,\"candidatesTokenCount\":5}}";

        assertThat(gemini.fromBody(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contains(report(130, 5, 0, 0, 0, 0, Optional.empty()));
    }

    @Test
    void theLastCumulativeChunkOfAStreamWinsAndIsParsedOnce() {
        StreamUsage usage = streamed(gemini, "gemini/stream-cumulative.sse");

        assertThat(usage.report()).contains(report(9, 25, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isTrue();
        assertThat(usage.report()).isPresent();
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }

    @Test
    void aStreamCutBeforeFinishReasonIsNotTrusted() {
        StreamUsage usage = gemini.stream();
        UsageFixtures.events("gemini/stream-cumulative.sse").subList(0, 2).forEach(usage::observe);

        assertThat(usage.report()).contains(report(9, 3, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isFalse();
    }

    @Test
    void jsonArrayElementsAreObservedAsData() {
        StreamUsage usage = gemini.stream();
        usage.observeData("{\"candidates\":[{\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":2,\"candidatesTokenCount\":3}}");

        assertThat(usage.report()).contains(report(2, 3, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isTrue();
    }
}
