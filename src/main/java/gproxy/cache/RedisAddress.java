package gproxy.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A {@code redis://[user[:password]@]host[:port][/db]} URL taken apart, since Redisson wants the
 * credentials and the database number as settings rather than in its address. {@code rediss://}
 * keeps TLS. A bare {@code redis://secret@host} is a password, as redis-cli reads it.
 */
record RedisAddress(String endpoint, int database, Optional<String> user, Optional<String> password,
                    String redacted) {
    private static final int DEFAULT_PORT = 6379;

    static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cache.redis-url: not a URL (expected: redis://host:port/db)", e);
        }
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException("cache.redis-url: " + scheme + "://… (expected: redis://host:port/db "
                    + "or rediss://)");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String endpoint = scheme + "://" + uri.getHost() + ":" + port;
        return new RedisAddress(endpoint, database(uri.getPath()), user(uri.getRawUserInfo()),
                password(uri.getRawUserInfo()), endpoint + "/" + database(uri.getPath()));
    }

    private static int database(String path) {
        String db = path == null ? "" : path.replace("/", "");
        if (db.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(db);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cache.redis-url: database /" + db + " (expected: a number, /0)", e);
        }
    }

    private static Optional<String> user(String userInfo) {
        if (userInfo == null || !userInfo.contains(":")) {
            return Optional.empty();
        }
        return Optional.of(decode(userInfo.substring(0, userInfo.indexOf(':')))).filter(u -> !u.isEmpty());
    }

    private static Optional<String> password(String userInfo) {
        if (userInfo == null) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        return Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(colon + 1))).filter(p -> !p.isEmpty());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
