package gproxy.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limit and dead-auth cooldowns, beside the breakers (features §5.6). Overlapping cooldowns
 * keep the later deadline, whatever their kind: a 600 s auth cooldown is not cut short by a 429.
 */
final class Cooldowns {
    record Cooldown(long until, HealthTransition.Kind kind) {
    }

    private final ConcurrentHashMap<HealthScope, Cooldown> cooldowns = new ConcurrentHashMap<>();

    boolean active(HealthScope scope, long now) {
        Cooldown c = cooldowns.get(scope);
        return c != null && now < c.until();
    }

    /** The new cooldown when it moved the deadline later; empty when an existing one outlasts it. */
    Optional<Cooldown> extend(HealthScope scope, HealthTransition.Kind kind, long until) {
        Cooldown next = new Cooldown(until, kind);
        Cooldown kept = cooldowns.merge(scope, next, (old, n) -> old.until() >= n.until() ? old : n);
        return kept == next ? Optional.of(next) : Optional.empty();
    }

    /**
     * Forgets a cooldown that has run out; true when there was one, so the caller can report the
     * recovery. A success while a cooldown still runs (a request sent before the 429) keeps it.
     */
    boolean clearExpired(HealthScope scope, long now) {
        Cooldown c = cooldowns.get(scope);
        return c != null && now >= c.until() && cooldowns.remove(scope, c);
    }

    Optional<Cooldown> get(HealthScope scope) {
        return Optional.ofNullable(cooldowns.get(scope));
    }

    void reset(long credentialId) {
        cooldowns.keySet().removeIf(scope -> scope.covers(credentialId));
    }
}
