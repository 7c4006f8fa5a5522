package gproxy.billing;

import static gproxy.billing.UsageFixtures.bytes;
import static gproxy.billing.UsageFixtures.report;
import static gproxy.billing.UsageFixtures.streamed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;

class OpenAiResponsesUsageTest {
    private final UsageExtractor responses = UsageExtractor.of(Kind.OPENAI_RESPONSES);

    @Test
    void cachedInputIsSplitOutAndReasoningIsOutput() {
        assertThat(responses.fromBody(bytes("openai-responses/body.json")))
                .contains(report(904, 900, 4096, 0, 0, 0, Optional.of("priority")));
    }

    @Test
    void onlyTheCompletedEventOfAStreamIsParsed() {
        StreamUsage usage = streamed(responses, "openai-responses/stream.sse");

        assertThat(usage.report()).contains(report(37, 11, 0, 0, 0, 0, Optional.of("standard")));
        assertThat(usage.trusted()).isTrue();
        assertThat(usage.parsedEvents()).isEqualTo(1);
    }

    @Test
    void anIncompleteResponseStillReportsItsUsage() {
        StreamUsage usage = responses.stream();
        usage.observeData("{\"type\":\"response.incomplete\",\"response\":{\"status\":\"incomplete\","
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":4096}}}");

        assertThat(usage.report()).contains(report(10, 4096, 0, 0, 0, 0, Optional.empty()));
        assertThat(usage.trusted()).isTrue();
    }

    @Test
    void aStreamCutBeforeCompletionHasNoUsage() {
        StreamUsage usage = responses.stream();
        UsageFixtures.events("openai-responses/stream.sse").stream()
                .filter(e -> !e.type().equals("response.completed"))
                .forEach(usage::observe);

        assertThat(usage.report()).isEmpty();
        assertThat(usage.trusted()).isFalse();
        assertThat(usage.parsedEvents()).isZero();
    }
}
