package gproxy.access;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import gproxy.cache.CacheBackend;

/**
 * Pending quota: the estimates of admitted requests that have not settled yet, per scope, in the
 * cache backend so every instance sees every other's in-flight spend.
 *
 * <p>v2 keeps one counter {@code qp:{scope}:{id}} with a 15-minute TTL. A TTL set on creation
 * expires under steady traffic and forgets every reservation in flight, and the releases that follow
 * drive a fresh counter negative, hiding later reservations; a TTL renewed on each use never expires
 * under traffic, so a reservation leaked by a crash blocks the scope for as long as it is busy. So
 * the counter is split into 15-minute generations, {@code qp:{scope}:{id}:{epoch / 15 min}}, each
 * living 30 minutes, and pending is the current generation plus the previous one: a reservation
 * counts for at least 15 minutes and at most 30, a leak heals within 30 minutes however busy the
 * scope, and a release that finds its generation expired lands in a key nobody reads any more.
 *
 * <p>An admitted request's charges are {@link #hold held} under a marker ({@link Hold}); releasing
 * them first deletes the marker, so they are given back once, by whoever deletes it.
 */
final class PendingQuota {
    private static final System.Logger LOG = System.getLogger(PendingQuota.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration GENERATION = Duration.ofMinutes(15);
    static final Duration TTL = GENERATION.multipliedBy(2);

    /** An estimate added to one generation: released by subtracting exactly it from exactly there. */
    record Charge(String key, long amount) {
    }

    /** A charge, and what else was pending for the scope when it was made (never below 0). */
    record Charged(Charge charge, long others) {
    }

    private final CacheBackend cache;
    private final Clock clock;

    PendingQuota(CacheBackend cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Adds {@code amount} first and reads second, so of two concurrent charges the later one always
     * sees the earlier: the check that follows cannot admit both into room for one.
     */
    Charged charge(Scope.Ref owner, long amount) {
        long generation = generation();
        String key = key(owner, generation);
        long mine = amount == 0 ? read(key) : cache.incrementBy(key, amount, TTL);
        long others = Math.max(0, mine - amount) + read(key(owner, generation - 1));
        long now = generation();
        if (now != generation) {
            // The clock turned while we charged: a charge made meanwhile went to the new generation,
            // which the previous-generation read above cannot see.
            others += read(key(owner, now));
        }
        return new Charged(new Charge(key, amount), others);
    }

    /**
     * Marks an admitted request's charges as held; empty when it charged nothing (no marker then).
     * The marker lives {@link #TTL}: longer than any of the charges counts, so a marker that expired
     * means there is nothing left worth giving back.
     */
    Optional<Hold> hold(List<Charge> charges) {
        List<Hold.Charge> made = charges.stream().filter(c -> c.amount() != 0)
                .map(c -> new Hold.Charge(c.key(), c.amount())).toList();
        if (made.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        Hold hold = new Hold(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), made);
        cache.put(hold.marker(), "1", TTL);
        return Optional.of(hold);
    }

    /**
     * Gives a hold's charges back if it is still held: true when this call released it, false when it
     * was released before (or expired). A marker that cannot be deleted releases nothing, so the
     * charges expire with their generation instead of risking a second release.
     */
    boolean release(Hold hold) {
        if (!cache.delete(hold.marker())) {
            return false;
        }
        for (Hold.Charge charge : hold.charges()) {
            try {
                cache.incrementBy(charge.key(), -charge.amount(), TTL);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot release pending quota " + charge.key() + ": " + e.getMessage());
            }
        }
        return true;
    }

    void release(Charge charge) {
        if (charge.amount() != 0) {
            cache.incrementBy(charge.key(), -charge.amount(), TTL);
        }
    }

    /** Everything pending for the scope now; for tests and diagnostics. */
    long pending(Scope.Ref owner) {
        long generation = generation();
        return read(key(owner, generation)) + read(key(owner, generation - 1));
    }

    static String key(Scope.Ref owner, long generation) {
        return "qp:" + owner.key() + ":" + generation;
    }

    private long generation() {
        return Math.floorDiv(clock.millis(), GENERATION.toMillis());
    }

    /** Negative pending never grants budget. */
    private long read(String key) {
        return Math.max(0, cache.get(key).map(Long::parseLong).orElse(0L));
    }
}
