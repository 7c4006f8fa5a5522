package gproxy.http1;

import java.net.URI;
import java.util.Locale;

/** Where a connection goes: scheme, host and port (the pool's key). */
record Origin(boolean tls, String host, int port) {

    static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("upstream URI scheme: " + uri.getScheme()
                    + " (expected: http or https)");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("upstream URI: no host in " + uri.getScheme() + "://…");
        }
        return new Origin(tls, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80);
    }

    /** The host without IPv6 brackets, for socket addresses and TLS. */
    String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code Host} header value: the port only when it is not the scheme's default. */
    String authority() {
        return port == (tls ? 443 : 80) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + host + ":" + port;
    }
}
