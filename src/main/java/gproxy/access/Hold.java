package gproxy.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one {@link Reservation} holds in the pending counters: a random token and every charge it
 * made (the generation key and the amount). The request's durable intent carries its {@link #encode()
 * text}, so a process killed mid-request can have exactly these charges released at the next start
 * ({@link AbandonedQuota#release}).
 *
 * <p>The token names a marker in the cache, {@code qh:{token}}, that lives as long as the charges
 * count (30 minutes). Whoever deletes the marker — the reservation's own release or start-up
 * reconciliation — is the one that gives the charges back: a release can never run twice and drive a
 * counter negative, and a charge that was never made is never released.
 */
public record Hold(String token, List<Charge> charges) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern KEY = Pattern.compile("qp:[a-z]+:-?\\d+:-?\\d+");

    /** An amount added to one pending counter; released by subtracting exactly it from exactly there. */
    public record Charge(String key, long amount) {
        public Charge {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("charge key: " + key + " (expected: qp:{scope}:{id}:{generation})");
            }
            if (amount <= 0) {
                throw new IllegalArgumentException("charge amount: " + amount + " (expected: > 0)");
            }
        }
    }

    public Hold {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("hold token: " + token + " (expected: 1-64 base64url characters)");
        }
        charges = List.copyOf(charges);
    }

    /** The cache key whose presence means "not released yet". */
    String marker() {
        return "qh:" + token;
    }

    /** {@code token key=amount key=amount …}: the intent's {@code pending_quota} column. */
    public String encode() {
        StringBuilder out = new StringBuilder(token);
        for (Charge charge : charges) {
            out.append(' ').append(charge.key()).append('=').append(charge.amount());
        }
        return out.toString();
    }

    /** The hold {@link #encode()} wrote; empty for text it did not write (never a guess at a release). */
    public static Optional<Hold> decode(String text) {
        String[] parts = text.strip().split(" ");
        try {
            List<Charge> charges = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].lastIndexOf('=');
                if (eq < 0) {
                    return Optional.empty();
                }
                charges.add(new Charge(parts[i].substring(0, eq), Long.parseLong(parts[i].substring(eq + 1))));
            }
            return Optional.of(new Hold(parts[0], charges));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
