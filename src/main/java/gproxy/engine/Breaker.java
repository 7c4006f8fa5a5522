package gproxy.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import gproxy.snapshot.Routing.BreakerSettings;

/**
 * One circuit breaker (features §5.6): closed, open until a deadline, or half-open with exactly one
 * probe out. State is an immutable value swapped by compare-and-set, so concurrent attempts agree on
 * who holds the probe without a lock. Times are epoch milliseconds passed in by the caller.
 */
final class Breaker {
    /** Each failed probe doubles the cooldown, up to this. */
    static final long MAX_COOLDOWN_MILLIS = 300_000;
    /** A probe whose outcome is never recorded (the attempt never ran) frees its slot after this. */
    static final long PROBE_REARM_MILLIS = 30_000;

    /** What the attempt about to run may do. */
    enum Admission { CLOSED, PROBE, REFUSED }

    sealed interface State {
    }

    record Closed(int failures) implements State {
    }

    /** @param opens opens since the last close; drives the doubling */
    record Open(long until, int opens, int failures) implements State {
    }

    record HalfOpen(long probeDeadline, int opens, int failures) implements State {
    }

    /** An edge the caller may report. */
    sealed interface Transition {
    }

    record Opened(long until, int failures) implements Transition {
    }

    record Recovered() implements Transition {
    }

    private static final Closed HEALTHY = new Closed(0);
    private final AtomicReference<State> state = new AtomicReference<>(HEALTHY);

    State state() {
        return state.get();
    }

    /** Side-effect-free: would {@link #tryAcquire} admit now? Planning asks this. */
    boolean available(long now) {
        return switch (state.get()) {
            case Closed c -> true;
            case Open o -> now >= o.until();
            case HalfOpen h -> now >= h.probeDeadline();
        };
    }

    /** Takes the half-open probe slot when one is due; only the attempt about to run calls this. */
    Admission tryAcquire(long now) {
        while (true) {
            State s = state.get();
            HalfOpen probing;
            switch (s) {
                case Closed c -> {
                    return Admission.CLOSED;
                }
                case Open o -> {
                    if (now < o.until()) {
                        return Admission.REFUSED;
                    }
                    probing = new HalfOpen(now + PROBE_REARM_MILLIS, o.opens(), o.failures());
                }
                case HalfOpen h -> {
                    if (now < h.probeDeadline()) {
                        return Admission.REFUSED;
                    }
                    probing = new HalfOpen(now + PROBE_REARM_MILLIS, h.opens(), h.failures());
                }
            }
            if (state.compareAndSet(s, probing)) {
                return Admission.PROBE;
            }
        }
    }

    /** Gives back a probe taken by an attempt that did not run, so the next one may probe at once. */
    void release(long now) {
        State s = state.get();
        if (s instanceof HalfOpen h) {
            state.compareAndSet(s, new Open(now, h.opens(), h.failures()));
        }
    }

    /** A probe success closes and resets; a closed breaker forgets its failure run. */
    Optional<Transition> onSuccess() {
        while (true) {
            State s = state.get();
            switch (s) {
                case Closed c when c.failures() == 0 -> {
                    return Optional.empty();
                }
                // A late success of a request sent before the breaker opened proves nothing.
                case Open o -> {
                    return Optional.empty();
                }
                default -> {
                    if (state.compareAndSet(s, HEALTHY)) {
                        return s instanceof HalfOpen ? Optional.of(new Recovered()) : Optional.empty();
                    }
                }
            }
        }
    }

    Optional<Transition> onFailure(BreakerSettings settings, long now) {
        while (true) {
            State s = state.get();
            State next;
            switch (s) {
                case Closed c -> {
                    int failures = c.failures() + 1;
                    next = failures >= settings.consecutiveFailures()
                            ? new Open(now + cooldown(settings, 1), 1, failures) : new Closed(failures);
                }
                case HalfOpen h -> next = new Open(now + cooldown(settings, h.opens() + 1), h.opens() + 1,
                        h.failures() + 1);
                // Already open: a late failure of a request sent before it opened changes nothing.
                case Open o -> {
                    return Optional.empty();
                }
            }
            if (state.compareAndSet(s, next)) {
                return next instanceof Open o ? Optional.of(new Opened(o.until(), o.failures())) : Optional.empty();
            }
        }
    }

    /** {@code cooldown × 2^(opens-1)}, capped. */
    static long cooldown(BreakerSettings settings, int opens) {
        long base = Math.min(settings.cooldown().toMillis(), MAX_COOLDOWN_MILLIS);
        return Math.min(base << Math.min(opens - 1, 20), MAX_COOLDOWN_MILLIS);
    }
}
