package gproxy.channel;

import java.util.Set;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;

/**
 * How an upstream wants its API key. {@link #apply} replaces whatever is there: the client's own auth
 * headers are already gone ({@link HeaderPolicy}), and a static header of the same name loses too.
 */
public enum Auth {
    /** OpenAI and the OpenAI-compatible surfaces. */
    BEARER("authorization"),
    /** Anthropic Messages: {@code x-api-key} plus a default {@code anthropic-version}. */
    ANTHROPIC("x-api-key"),
    /** Gemini: {@code x-goog-api-key}, never {@code ?key=}, so the key stays out of URLs and logs. */
    GOOGLE("x-goog-api-key"),
    /** Azure OpenAI: {@code api-key}. */
    AZURE("api-key");

    /** Sent when the client did not choose one; the oldest version every Messages feature accepts. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";
    static final HeaderName ANTHROPIC_VERSION_HEADER = HeaderNames.create("anthropic-version");

    private final HeaderName header;

    Auth(String header) {
        this.header = HeaderNames.create(header);
    }

    public HeaderName header() {
        return header;
    }

    /** Every header some {@link Auth} writes: a static header may not name one of them. */
    public static Set<String> headerNames() {
        return Set.of("authorization", "x-api-key", "x-goog-api-key", "api-key");
    }

    void apply(WritableHeaders<?> headers, String apiKey) {
        String value = this == BEARER ? "Bearer " + apiKey : apiKey;
        headers.set(header, value);
        if (this == ANTHROPIC && !headers.contains(ANTHROPIC_VERSION_HEADER)) {
            headers.set(ANTHROPIC_VERSION_HEADER, ANTHROPIC_VERSION);
        }
    }
}
