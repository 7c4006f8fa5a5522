package gproxy.protocol;

import java.util.function.Predicate;

/**
 * The vendor dialect a caller speaks, as far as its error envelope goes. A request the
 * {@link Classifier} recognises speaks its kind's family (so {@code POST /v1/chat/completions} gets
 * OpenAI errors even with an {@code x-api-key} header). Anything else — a typo'd path answered 404,
 * a request refused before routing — is judged by hints: Gemini for {@code /v1beta} paths or
 * {@code x-goog-api-key}; Claude for {@code /messages} paths, {@code x-api-key} or
 * {@code anthropic-version}; OpenAI otherwise.
 */
public final class CallerDialect {
    private CallerDialect() {
    }

    /**
     * @param rawPath the full raw path, mount included ({@code /v1/...} or {@code /{provider}/v1/...})
     * @param query the raw query without {@code ?}, empty when none
     * @param hasHeader whether the request carries a header, asked with lower-case names
     */
    public static Kind.Family of(String method, String rawPath, String query, Predicate<String> hasHeader) {
        return Classifier.classify(method, afterMount(rawPath), query, hasHeader)
                .map(Classified::dialect)
                .orElseGet(() -> hinted(rawPath, hasHeader));
    }

    private static Kind.Family hinted(String path, Predicate<String> hasHeader) {
        if (path.contains("/v1beta/") || path.endsWith("/v1beta") || hasHeader.test("x-goog-api-key")) {
            return Kind.Family.GEMINI;
        }
        if (path.contains("/messages") || hasHeader.test("x-api-key") || hasHeader.test("anthropic-version")) {
            return Kind.Family.CLAUDE;
        }
        return Kind.Family.OPENAI;
    }

    /** Drops a scoped mount's {@code /{provider}} segment; the aggregated mounts stay as they are. */
    static String afterMount(String rawPath) {
        if (rawPath.startsWith("/v1/") || rawPath.startsWith("/v1beta/")) {
            return rawPath;
        }
        int second = rawPath.indexOf('/', 1);
        return second < 0 ? rawPath : rawPath.substring(second);
    }
}
