package gproxy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}),
 * which is also what GPROXY v2 bundles carry, so imported users keep their passwords. Verification
 * accepts any argon2 variant and cost found in the string.
 */
public final class Passwords {
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private Passwords() {
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(Argon2Parameters.ARGON2_id, password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM,
                HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches the PHC {@code stored}; false for any malformed hash. */
    public static boolean verify(String password, String stored) {
        if (stored == null || !stored.startsWith("$argon2")) {
            return false;
        }
        String[] parts = stored.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6) {
            return false;
        }
        try {
            int type = switch (parts[1]) {
                case "argon2id" -> Argon2Parameters.ARGON2_id;
                case "argon2i" -> Argon2Parameters.ARGON2_i;
                case "argon2d" -> Argon2Parameters.ARGON2_d;
                default -> -1;
            };
            if (type < 0 || !parts[2].equals("v=19")) {
                return false;
            }
            Map<String, Integer> cost = new HashMap<>();
            for (String kv : parts[3].split(",")) {
                String[] p = kv.split("=", 2);
                cost.put(p[0], Integer.parseInt(p[1]));
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = derive(type, password, salt, cost.get("m"), cost.get("t"), cost.get("p"), expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code value} already is a PHC hash (imports may carry hashes or plaintext). */
    public static boolean isHash(String value) {
        return value != null && value.startsWith("$argon2");
    }

    /** v2 policy: anything but blank is accepted; we add a minimum length of 8. */
    public static void checkPolicy(String field, String password) {
        if (password == null || password.isBlank()) {
            throw gproxy.error.GatewayException.invalid(field, "must not be blank");
        }
        if (password.length() < 8) {
            throw gproxy.error.GatewayException.invalid(field, "too short (expected: at least 8 characters)");
        }
    }

    private static byte[] derive(int type, String password, byte[] salt, int memoryKib, int iterations,
                                 int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(type)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /**
     * A short digest of a stored password hash (or of none), for a session to remember which password
     * it was opened under: any change of the hash — every set of a password, the same one included,
     * since each hash has its own salt — ends the sessions opened before. The hash itself never leaves
     * the store.
     */
    public static String fingerprint(java.util.Optional<String> storedHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("gproxy-session:" + storedHash.orElse("")).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this runtime", e);
        }
    }
}
