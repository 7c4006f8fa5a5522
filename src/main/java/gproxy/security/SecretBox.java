package gproxy.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import gproxy.error.GatewayException;

/**
 * Seals secrets at rest with AES-256-GCM under {@code GPROXY_MASTER_KEY}. The associated data binds
 * a sealed value to its row ({@code "credentials:42"}), so a blob copied to another row will not
 * open. Sealed values look like {@code enc:v1:<base64(nonce || ciphertext || tag)>}.
 *
 * <p>Without a master key the box is in plaintext mode: values are stored as they are and the
 * process logs a loud warning at start. Sealed values cannot be opened in plaintext mode.
 */
public final class SecretBox {
    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKeySpec> key;

    private SecretBox(Optional<SecretKeySpec> key) {
        this.key = key;
    }

    public static SecretBox plaintext() {
        return new SecretBox(Optional.empty());
    }

    /**
     * A box keyed by a master key given as standard base64 or 64 hex characters of exactly 32 bytes.
     *
     * @throws IllegalArgumentException naming what was expected when the key is malformed
     */
    public static SecretBox withMasterKey(String encoded) {
        return new SecretBox(Optional.of(new SecretKeySpec(decodeKey(encoded), "AES")));
    }

    /**
     * Checks a master key's format without building a box, so settings can be refused at start
     * with the same rules {@link #withMasterKey} applies.
     *
     * @throws IllegalArgumentException as {@link #withMasterKey}; the message never contains the key
     */
    public static void checkMasterKey(String encoded) {
        decodeKey(encoded);
    }

    public static SecretBox from(Optional<String> masterKey) {
        return masterKey.map(SecretBox::withMasterKey).orElseGet(SecretBox::plaintext);
    }

    public boolean sealing() {
        return key.isPresent();
    }

    /** Seals {@code plaintext} for the row named by {@code binding}; in plaintext mode returns it unchanged. */
    public String seal(String binding, String plaintext) {
        if (key.isEmpty()) {
            return plaintext;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * Opens a stored value. Plaintext values (no {@code enc:} prefix) open as they are, for rows
     * written in plaintext mode. A sealed value that cannot be opened (no key, wrong key, other row)
     * is a 500 {@code secret_unreadable}; the message never includes the value.
     */
    public String open(String binding, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        if (key.isEmpty()) {
            throw unreadable(binding, "it is sealed and GPROXY_MASTER_KEY is not set", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable(binding, "the master key does not open it", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public static String binding(String table, long id) {
        return table + ":" + id;
    }

    static byte[] decodeKey(String encoded) {
        String s = encoded.strip();
        byte[] bytes;
        if (s.length() == 64 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            bytes = HexFormat.of().parseHex(s);
        } else {
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "GPROXY_MASTER_KEY: not base64 or hex (expected: 32 bytes as standard base64 or 64 hex characters)");
            }
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("GPROXY_MASTER_KEY: " + bytes.length
                    + " bytes (expected: 32 bytes as standard base64 or 64 hex characters)");
        }
        return bytes;
    }

    private static GatewayException unreadable(String binding, String why, Throwable cause) {
        return new GatewayException(500, "secret_unreadable", "secret of " + binding + " cannot be opened: " + why,
                cause);
    }
}
