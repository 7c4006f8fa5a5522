package gproxy.logs;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import io.helidon.http.Header;
import io.helidon.http.Headers;

/**
 * What a request log must not keep (features §8.3): auth headers (the listed names and any whose name
 * says it carries a key, token, secret, password, cookie or signature — the channels' own auth headers
 * are among them), JSON fields named like secrets (at any depth, also in SSE data lines and in
 * truncated JSON, hence a pattern rather than a parse) and such query parameters. Values become
 * {@code [redacted]}.
 *
 * <p>Deliberately not redacted: {@code code} and {@code state}, which v3 lists but which in LLM
 * payloads are error codes and tool states an operator needs to read.
 */
public final class Redaction {
    public static final String REDACTED = "[redacted]";
    private static final Set<String> HEADERS = Set.of("authorization", "proxy-authorization", "x-api-key",
            "x-goog-api-key", "api-key", "cookie", "set-cookie");
    private static final Pattern SECRET_HEADER = Pattern.compile("key|token|secret|password|cookie|signature|auth");
    private static final String SECRET_NAMES = "api[_-]?key|apikey|token|access_token|refresh_token|id_token"
            + "|client_secret|secret|password|code_verifier|signature|authorization|private_key";
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"(?i:" + SECRET_NAMES + ")\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)|[^,}\\]\\s]+)");
    private static final Pattern QUERY_FIELD = Pattern.compile("(?i)(^|[?&])(key|" + SECRET_NAMES + ")=([^&#]*)");

    private Redaction() {
    }

    /** The headers as a JSON object (repeated names joined with {@code ", "}), redacted when asked. */
    public static ObjectNode headers(Headers headers, boolean redact) {
        ObjectNode json = Json.object();
        for (Header header : headers) {
            String name = header.name().toLowerCase(Locale.ROOT);
            String value = redact && secretHeader(name) ? REDACTED : String.join(", ", header.allValues());
            json.put(name, json.has(name) ? json.get(name).asText() + ", " + value : value);
        }
        return json;
    }

    static boolean secretHeader(String lowerName) {
        return HEADERS.contains(lowerName) || SECRET_HEADER.matcher(lowerName).find();
    }

    /** A body's secret-named JSON fields with their values replaced; anything else is left as it is. */
    public static String body(String text) {
        Matcher m = JSON_FIELD.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + REDACTED + "\""));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    /** A query string (or a URL) with secret-named parameters replaced. */
    public static String query(String query) {
        return QUERY_FIELD.matcher(query).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + "="
                + REDACTED));
    }
}
