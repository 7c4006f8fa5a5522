package gproxy.channel;

import java.net.URI;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;

/**
 * The one way a built-in channel turns an endpoint into an {@link UpstreamRequest}, so header
 * hygiene and auth injection happen in the same order everywhere: forward the allow-listed client
 * headers, add the provider's static headers, fix the content headers, and write the channel's auth
 * last so nothing before it can replace it.
 */
public final class RequestAssembler {
    private static final String JSON = "application/json";
    private static final String SSE = "text/event-stream";

    private RequestAssembler() {
    }

    public static UpstreamRequest assemble(PrepareInput in, String baseUrl, Endpoint endpoint, Auth auth) {
        String apiKey = in.secret().apiKey();
        WritableHeaders<?> headers = HeaderPolicy.forward(in.clientHeaders(), in.key().kind().family(),
                in.settings().allowedHeaders());
        in.settings().staticHeaders().forEach((name, value) -> headers.set(HeaderNames.create(name),
                checkedStatic(name, value)));
        boolean streaming = in.key().operation().streaming();
        byte[] body = in.body();
        if (endpoint.method().equals(Method.GET)) {
            headers.remove(HeaderNames.CONTENT_TYPE);
            body = new byte[0];
        } else {
            headers.set(HeaderNames.CONTENT_TYPE, JSON); // the body is ours now: translated JSON
        }
        if (!headers.contains(HeaderNames.ACCEPT)) {
            headers.set(HeaderNames.ACCEPT, streaming ? SSE : JSON);
        }
        auth.apply(headers, apiKey);
        return new UpstreamRequest(endpoint.method(), uri(baseUrl, endpoint), headers, body, streaming);
    }

    private static String checkedStatic(String name, String value) {
        String field = ProviderSettings.HEADERS + "." + name;
        if (name.isEmpty() || !name.chars().allMatch(RequestAssembler::tokenChar)) {
            throw ChannelException.invalidSettings(field, "not a valid header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (HeaderPolicy.denied(lower) || Auth.headerNames().contains(lower)) {
            throw ChannelException.invalidSettings(field,
                    "may not be set (auth, cookie, hop-by-hop and x-gproxy-* headers are the gateway's)");
        }
        if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f))) {
            throw ChannelException.invalidSettings(field, "the value contains control characters");
        }
        return value;
    }

    /** RFC 9110 token characters. */
    private static boolean tokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static URI uri(String baseUrl, Endpoint endpoint) {
        try {
            return URI.create(baseUrl + endpoint.path());
        } catch (IllegalArgumentException e) {
            throw ChannelException.invalidSettings(ProviderSettings.BASE_URL,
                    "\"" + baseUrl + "\" does not form a valid URL with " + endpoint.path());
        }
    }
}
