package gproxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class CallerDialectTest {

    @Test
    void aRecognisedRequestSpeaksItsKindsFamily() {
        assertThat(of("POST", "/v1/chat/completions", Set.of("x-api-key"))).isEqualTo(Kind.Family.OPENAI);
        assertThat(of("POST", "/v1/messages", Set.of("authorization"))).isEqualTo(Kind.Family.CLAUDE);
        assertThat(of("GET", "/v1/models", Set.of("x-goog-api-key"))).isEqualTo(Kind.Family.GEMINI);
        assertThat(of("POST", "/v1beta/models/m:generateContent", Set.of())).isEqualTo(Kind.Family.GEMINI);
    }

    @Test
    void scopedMountsAreClassifiedAfterTheProviderSegment() {
        assertThat(of("POST", "/my-openai/v1/chat/completions", Set.of("x-api-key"))).isEqualTo(Kind.Family.OPENAI);
        assertThat(of("POST", "/vertex/v1beta/models/m:countTokens", Set.of())).isEqualTo(Kind.Family.GEMINI);
        assertThat(CallerDialect.afterMount("/p/v1/messages")).isEqualTo("/v1/messages");
        assertThat(CallerDialect.afterMount("/v1/messages")).isEqualTo("/v1/messages");
    }

    @Test
    void unknownPathsFallBackToPathAndHeaderHints() {
        assertThat(of("POST", "/v1/messages/nope", Set.of())).isEqualTo(Kind.Family.CLAUDE);
        assertThat(of("POST", "/v1/nope", Set.of("anthropic-version"))).isEqualTo(Kind.Family.CLAUDE);
        assertThat(of("POST", "/v1beta/models/x:nope", Set.of())).isEqualTo(Kind.Family.GEMINI);
        assertThat(of("GET", "/p/v1beta", Set.of())).isEqualTo(Kind.Family.GEMINI);
        assertThat(of("POST", "/v1/nope", Set.of("x-goog-api-key"))).isEqualTo(Kind.Family.GEMINI);
        assertThat(of("POST", "/v1/nope", Set.of("authorization"))).isEqualTo(Kind.Family.OPENAI);
    }

    private static Kind.Family of(String method, String path, Set<String> headers) {
        return CallerDialect.of(method, path, "", headers::contains);
    }
}
