package gproxy.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parsers for addresses: bind host, DSN, Redis and proxy URLs, IP literals and CORS origins. Values
 * that may carry credentials are shown redacted in error messages. Nothing here resolves a host
 * name: checking settings must not depend on DNS.
 */
final class AddressValues {
    static final String HOST = "a host name or IP address, without port";
    static final String DSN = "a DSN with scheme sqlite, postgres, postgresql, mysql or mariadb";
    static final String REDIS = "a redis:// or rediss:// URL, or empty for the in-process cache";
    static final String PROXY = "an http://, https:// or socks5:// URL, or host:port:user:pass";
    static final String IP = "an IP address literal such as 10.0.0.1 or ::1; no host names or CIDR";
    static final String ORIGIN = "an exact origin scheme://host[:port] with http or https, no path or wildcard";

    private static final Set<String> DSN_SCHEMES = Set.of("sqlite", "postgres", "postgresql", "mysql", "mariadb");
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");

    private AddressValues() {
    }

    static String host(RawValue v) {
        String s = v.text().strip();
        boolean ipLike = s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (ipLike ? !isIpLiteral(s) : !HOST_NAME.matcher(s).matches()) {
            throw v.invalid(HOST);
        }
        return s;
    }

    static String dsn(RawValue v) {
        String s = v.text().strip();
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!DSN_SCHEMES.contains(scheme) || colon == s.length() - 1) {
            throw v.invalid(redactUrl(s), DSN);
        }
        return s;
    }

    /** Blank means the in-process cache, so a flag can switch Redis off over the environment. */
    static Optional<String> redisUrl(RawValue v) {
        String s = v.text().strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!hasHost(s, Set.of("redis", "rediss"))) {
            throw v.invalid(redactUrl(s), REDIS);
        }
        return Optional.of(s);
    }

    /** Blank means none (v2). v2's {@code host:port:user:pass} is kept as written, validated. */
    static Optional<String> upstreamProxy(RawValue v) {
        String s = v.text().strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.contains("://") ? !hasHost(s, Set.of("http", "https", "socks5")) : !isHostPortUserPass(s)) {
            throw v.invalid(redactProxy(s), PROXY);
        }
        return Optional.of(s);
    }

    static String ipLiteral(RawValue v) {
        String s = v.text().strip();
        if (!isIpLiteral(s)) {
            throw v.invalid(IP);
        }
        return s;
    }

    /**
     * Lower-cased, and the default port dropped: browsers send {@code https://a.example}, never
     * {@code https://A.example:443}, and the list is compared exactly.
     */
    static String corsOrigin(RawValue v) {
        String s = v.text().strip();
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw v.invalid(ORIGIN);
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        boolean exact = uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null && uri.getRawFragment() == null && !s.contains("*");
        if (!(scheme.equals("http") || scheme.equals("https")) || !exact) {
            throw v.invalid(ORIGIN);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static boolean hasHost(String url, Set<String> schemes) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isHostPortUserPass(String s) {
        String[] parts = s.split(":", 4);
        if (parts.length != 4 || !HOST_NAME.matcher(parts[0]).matches() || parts[2].isEmpty() || parts[3].isEmpty()) {
            return false;
        }
        try {
            int port = Integer.parseInt(parts[1]);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** IPv4 dotted quads, or IPv6 (optionally bracketed), parsed without any lookup. */
    static boolean isIpLiteral(String value) {
        String v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        boolean ipv6Chars = v.indexOf(':') >= 0
                && v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!ipv6Chars) {
            return false;
        }
        try {
            // With a colon in it, InetAddress parses an IPv6 literal and never asks DNS.
            InetAddress.getByName(v);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Everything between {@code ://} and the last {@code @} becomes {@code ***}, and so does a
     * {@code password=} parameter. Stricter than {@link Settings#redactDsn}: Redis and proxy URLs may
     * carry a bare password as the user part ({@code redis://secret@host}).
     */
    static String redactUrl(String s) {
        String masked = s.replaceAll("(?i)(password=)[^&]*", "$1***");
        int scheme = masked.indexOf("://");
        int at = masked.lastIndexOf('@');
        return scheme < 0 || at < scheme ? masked : masked.substring(0, scheme + 3) + "***" + masked.substring(at);
    }

    /** URL credentials as {@link #redactUrl}; in {@code host:port:user:pass} the pass. */
    static String redactProxy(String s) {
        if (s.contains("://")) {
            return redactUrl(s);
        }
        String[] parts = s.split(":", 4);
        return parts.length == 4 ? parts[0] + ":" + parts[1] + ":" + parts[2] + ":***" : s;
    }
}
