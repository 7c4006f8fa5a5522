package gproxy.channel;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import gproxy.protocol.Kind;
import io.helidon.http.Header;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

/**
 * Which client request headers reach the upstream (features §4.2 "header hygiene"): an allow-list,
 * extended per upstream family and by the provider's {@code allowed_headers}, under a deny-list no
 * setting can lift. Everything else (client auth, cookies, hop-by-hop headers, the gateway's own
 * {@code x-gproxy-*}) stays behind, so a client can neither leak its key upstream nor put words in
 * the channel's mouth.
 */
public final class HeaderPolicy {
    /** Forwarded for every upstream. */
    static final Set<String> ALWAYS = Set.of("content-type", "accept", "user-agent", "idempotency-key");

    /** Never forwarded, whatever {@code allowed_headers} says. */
    static final Set<String> NEVER = Set.of(
            "authorization", "x-api-key", "x-goog-api-key", "api-key", "host", "content-length", "cookie",
            "cookie2", "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "expect",
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip");

    private static final List<String> NEVER_PREFIXES = List.of("proxy-", "x-gproxy-");

    private HeaderPolicy() {
    }

    /** The client headers an upstream of {@code family} may see, as a fresh writable set. */
    public static WritableHeaders<?> forward(Headers client, Kind.Family family, List<String> allowedHeaders) {
        Set<String> allowed = new HashSet<>(ALWAYS);
        allowed.addAll(familyHeaders(family));
        allowedHeaders.forEach(h -> allowed.add(h.toLowerCase(Locale.ROOT)));
        WritableHeaders<?> out = WritableHeaders.create();
        for (Header header : client) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (allowed.contains(name) && !denied(name)) {
                out.add(header);
            }
        }
        return out;
    }

    /** Whether no client and no setting may send this header upstream. */
    public static boolean denied(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return NEVER.contains(lower) || NEVER_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** Vendor headers that only make sense to their own vendor's API. */
    private static Set<String> familyHeaders(Kind.Family family) {
        return switch (family) {
            case OPENAI -> Set.of("openai-beta");
            case CLAUDE -> Set.of("anthropic-beta", "anthropic-version");
            case GEMINI -> Set.of();
        };
    }
}
