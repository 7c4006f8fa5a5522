package gproxy.admin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import gproxy.cache.CacheBackend;

/**
 * Console sessions: an opaque token (32 random bytes, base64url) stored as {@code sess:{token}} →
 * user id in the cache, with a sliding TTL renewed on every use. The token is the whole secret;
 * it is never logged.
 */
final class Sessions {
    static final String COOKIE = "gproxy_session";
    static final Duration TTL = Duration.ofHours(12);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CacheBackend cache;

    Sessions(CacheBackend cache) {
        this.cache = cache;
    }

    String open(long userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        cache.put(key(token), Long.toString(userId), TTL);
        return token;
    }

    /** The user of a live session, renewing its TTL; empty for unknown, expired or malformed tokens. */
    Optional<Long> user(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<Long> user = cache.get(key(token)).flatMap(Sessions::parse);
        if (user.isPresent() && !cache.touch(key(token), TTL)) {
            return Optional.empty();
        }
        return user;
    }

    void revoke(String token) {
        if (TOKEN.matcher(token).matches()) {
            cache.delete(key(token));
        }
    }

    /** {@code Set-Cookie} value for a session: same-site by default, cross-site for CORS consoles. */
    static String cookie(String token, boolean crossSite, boolean secure) {
        return COOKIE + "=" + token + "; HttpOnly; " + attributes(crossSite, secure) + "; Path=/; Max-Age="
                + TTL.toSeconds();
    }

    static String clearedCookie(boolean crossSite, boolean secure) {
        return COOKIE + "=; HttpOnly; " + attributes(crossSite, secure) + "; Path=/; Max-Age=0";
    }

    private static String attributes(boolean crossSite, boolean secure) {
        if (crossSite) {
            return "SameSite=None; Secure";
        }
        return secure ? "SameSite=Lax; Secure" : "SameSite=Lax";
    }

    private static String key(String token) {
        return "sess:" + token;
    }

    private static Optional<Long> parse(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
