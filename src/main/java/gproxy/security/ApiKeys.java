package gproxy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Gateway API keys: {@code sk-} plus 32 random bytes in base64url (43 characters). Keys are found by
 * the lowercase hex SHA-256 of the key without its {@code sk-}/{@code at-} prefix, so the plaintext
 * never needs to be stored for lookup.
 */
public final class ApiKeys {
    public static final int DIGEST_VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String digest(String key) {
        String bare = stripPrefix(key.strip());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bare.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A short, non-secret display form: {@code sk-AbCd…wxyz}. */
    public static String preview(String key) {
        if (key.length() <= 12) {
            return "sk-…";
        }
        return key.substring(0, 7) + "…" + key.substring(key.length() - 4);
    }

    static String stripPrefix(String key) {
        if (key.startsWith("sk-") || key.startsWith("at-")) {
            return key.substring(3);
        }
        return key;
    }
}
