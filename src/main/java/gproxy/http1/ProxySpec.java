package gproxy.http1;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * An outbound proxy, parsed from {@code routing.upstream-proxy-url}: {@code http://[user:pass@]host:port},
 * {@code https://…} (TLS to the proxy), {@code socks5://host:port}, or v2's {@code host:port:user:pass}
 * (an HTTP proxy). Credentials become a {@code Proxy-Authorization: Basic} header, sent to the proxy
 * only — never to the upstream.
 *
 * @param authorization the {@code Proxy-Authorization} value, when the URL carries credentials
 */
public record ProxySpec(Type type, String host, int port, Optional<String> authorization) {

    public enum Type { HTTP, HTTPS, SOCKS5 }

    public static ProxySpec parse(String text) {
        String s = text.strip();
        if (!s.contains("://")) {
            return hostPortUserPass(s);
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("upstream proxy: not a URL (expected: http://host:port)");
        }
        Type type = switch (Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT)) {
            case "http" -> Type.HTTP;
            case "https" -> Type.HTTPS;
            case "socks5" -> Type.SOCKS5;
            default -> throw new IllegalArgumentException("upstream proxy: scheme " + uri.getScheme()
                    + " (expected: http, https or socks5)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upstream proxy: no host (expected: " + type.name().toLowerCase(Locale.ROOT)
                    + "://host:port)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : switch (type) {
            case HTTP -> 80;
            case HTTPS -> 443;
            case SOCKS5 -> 1080;
        };
        Optional<String> auth = Optional.ofNullable(uri.getRawUserInfo()).map(ProxySpec::basic);
        if (type == Type.SOCKS5 && auth.isPresent()) {
            throw new IllegalArgumentException("upstream proxy: credentials for socks5 are not supported"
                    + " (expected: an http:// proxy for authenticated proxying)");
        }
        return new ProxySpec(type, uri.getHost(), port, auth);
    }

    /** v2's {@code host:port:user:pass}. */
    private static ProxySpec hostPortUserPass(String s) {
        String[] parts = s.split(":", 4);
        if (parts.length < 2) {
            throw new IllegalArgumentException("upstream proxy: expected host:port[:user:pass]");
        }
        int port;
        try {
            port = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("upstream proxy: port " + parts[1] + " (expected: a number)");
        }
        Optional<String> auth = parts.length == 4
                ? Optional.of(encode(parts[2] + ":" + parts[3]))
                : Optional.empty();
        return new ProxySpec(Type.HTTP, parts[0], port, auth);
    }

    private static String basic(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String pass = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return encode(URLDecoder.decode(user.replace("+", "%2B"), StandardCharsets.UTF_8) + ":"
                + URLDecoder.decode(pass.replace("+", "%2B"), StandardCharsets.UTF_8));
    }

    private static String encode(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    /** Host and port only: the credentials stay out of logs. */
    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port
                + (authorization.isPresent() ? " (with credentials)" : "");
    }
}
