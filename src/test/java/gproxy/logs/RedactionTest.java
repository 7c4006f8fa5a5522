package gproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

class RedactionTest {

    @Test
    void authHeadersAndHeadersNamedLikeSecretsAreRedactedAndOthersKept() {
        WritableHeaders<?> headers = WritableHeaders.create();
        headers.set(HeaderNames.create("Authorization"), "Bearer sk-1");
        headers.set(HeaderNames.create("x-goog-api-key"), "g-1");
        headers.set(HeaderNames.create("api-key"), "azure-1");
        headers.set(HeaderNames.create("Cookie"), "s=1");
        headers.set(HeaderNames.create("x-custom-token"), "t-1");
        headers.set(HeaderNames.create("anthropic-version"), "2023-06-01");
        headers.set(HeaderNames.create("content-type"), "application/json");

        var json = Redaction.headers(headers, true);

        assertThat(json.path("authorization").asText()).isEqualTo("[redacted]");
        assertThat(json.path("x-goog-api-key").asText()).isEqualTo("[redacted]");
        assertThat(json.path("api-key").asText()).isEqualTo("[redacted]");
        assertThat(json.path("cookie").asText()).isEqualTo("[redacted]");
        assertThat(json.path("x-custom-token").asText()).isEqualTo("[redacted]");
        assertThat(json.path("anthropic-version").asText()).isEqualTo("2023-06-01");
        assertThat(json.path("content-type").asText()).isEqualTo("application/json");
        assertThat(Redaction.headers(headers, false).path("authorization").asText()).isEqualTo("Bearer sk-1");
    }

    @Test
    void secretNamedJsonFieldsAreRedactedAtAnyDepthAndTokenCountsAreNot() {
        String body = "{\"api_key\":\"sk-1\",\"nested\":{\"Password\" : \"p\\\"w\",\"access_token\":42},"
                + "\"max_tokens\":100,\"usage\":{\"input_tokens\":3}}";

        assertThat(Redaction.body(body)).isEqualTo("{\"api_key\":\"[redacted]\",\"nested\":{\"Password\" : "
                + "\"[redacted]\",\"access_token\":\"[redacted]\"},\"max_tokens\":100,\"usage\":{\"input_tokens\":3}}");
    }

    @Test
    void aSecretCutByTruncationIsStillRedacted() {
        assertThat(Redaction.body("data: {\"token\":\"abcdef")).isEqualTo("data: {\"token\":\"[redacted]\"");
    }

    @Test
    void secretQueryParametersAreRedactedInQueriesAndUrls() {
        assertThat(Redaction.query("alt=sse&key=AIza-1")).isEqualTo("alt=sse&key=[redacted]");
        assertThat(Redaction.query("https://h/v1?api_key=x&b=2")).isEqualTo("https://h/v1?api_key=[redacted]&b=2");
        assertThat(Redaction.query("monkey=1")).isEqualTo("monkey=1");
    }

    @Test
    void aBodyCaptureKeepsItsCapCountsTheRestAndMarksTheCut() {
        BodyCapture capture = new BodyCapture(4);
        capture.write("ab".getBytes(StandardCharsets.UTF_8));
        capture.write("cdefgh".getBytes(StandardCharsets.UTF_8));

        assertThat(capture.total()).isEqualTo(8);
        assertThat(capture.truncated()).isTrue();
        assertThat(capture.text(true)).isEqualTo("abcd\n[gproxy: truncated, 4 of 8 bytes kept]");
        BodyCapture whole = new BodyCapture(8);
        whole.write("abcdefgh".getBytes(StandardCharsets.UTF_8));
        assertThat(whole.text(true)).isEqualTo("abcdefgh");
    }

    @Test
    void aWholeBodyIsRedactedBeforeItIsCut() {
        String body = "{\"api_key\":\"sk-0123456789\"}";

        assertThat(BodyCapture.whole(body.getBytes(StandardCharsets.UTF_8), 14, true))
                .isEqualTo("{\"api_key\":\"[r\n[gproxy: truncated, 14 of 24 bytes kept]");
    }
}
