package gproxy.admin;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import gproxy.cache.CacheBackend;
import gproxy.security.Passwords;

/**
 * Console sessions: an opaque token (32 random bytes, base64url) stored as {@code sess:{token}} →
 * {@code {user id} {password fingerprint}} in the cache, with a sliding TTL renewed on every use. The
 * token is the whole secret; it is never logged.
 *
 * <p>The fingerprint ({@link Passwords#fingerprint}) is of the password the user had when the session
 * opened. Every use compares it with the user's stored password, so changing a password ends every
 * session opened before it on every instance at once — they share the store, and the cache when it is
 * Redis — with no list of a user's sessions to keep; the session that made the change is
 * {@link #rebind rebound} to the new password when it is to survive.
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

    /** Who a session belongs to, and under which password it was opened. */
    record Session(long userId, String passwordFingerprint) {
        /** Whether the user's password is still the one the session was opened under. */
        boolean opensUnder(Optional<String> storedHash) {
            return passwordFingerprint.equals(Passwords.fingerprint(storedHash));
        }

        private String value() {
            return userId + " " + passwordFingerprint;
        }
    }

    /** A new session of the user whose stored password hash is {@code storedHash}. */
    String open(long userId, Optional<String> storedHash) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        cache.put(key(token), new Session(userId, Passwords.fingerprint(storedHash)).value(), TTL);
        return token;
    }

    /** Keeps a session alive across its own user's password change: it now opens under {@code storedHash}. */
    void rebind(String token, long userId, Optional<String> storedHash) {
        if (TOKEN.matcher(token).matches()) {
            cache.put(key(token), new Session(userId, Passwords.fingerprint(storedHash)).value(), TTL);
        }
    }

    /** A live session, renewing its TTL; empty for unknown, expired or malformed tokens. */
    Optional<Session> user(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<Session> session = cache.get(key(token)).flatMap(Sessions::parse);
        if (session.isPresent() && !cache.touch(key(token), TTL)) {
            return Optional.empty();
        }
        return session;
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

    /** {@code {user id} {fingerprint}}; anything else (a value of a version without fingerprints) is no session. */
    static Optional<Session> parse(String value) {
        String[] parts = value.strip().split(" ");
        if (parts.length != 2 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Session(Long.parseLong(parts[0]), parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
