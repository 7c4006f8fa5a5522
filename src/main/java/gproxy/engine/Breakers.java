package gproxy.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import gproxy.snapshot.Routing.BreakerSettings;

/**
 * The breakers of this instance by scope. A scope that never failed has no entry: asking about it
 * allocates nothing, and the first failure creates its breaker.
 */
final class Breakers {
    private final ConcurrentHashMap<HealthScope, Breaker> breakers = new ConcurrentHashMap<>();

    boolean available(HealthScope scope, long now) {
        Breaker b = breakers.get(scope);
        return b == null || b.available(now);
    }

    Breaker.Admission tryAcquire(HealthScope scope, long now) {
        Breaker b = breakers.get(scope);
        return b == null ? Breaker.Admission.CLOSED : b.tryAcquire(now);
    }

    void release(HealthScope scope, long now) {
        Breaker b = breakers.get(scope);
        if (b != null) {
            b.release(now);
        }
    }

    Optional<Breaker.Transition> success(HealthScope scope) {
        Breaker b = breakers.get(scope);
        return b == null ? Optional.empty() : b.onSuccess();
    }

    Optional<Breaker.Transition> failure(HealthScope scope, BreakerSettings settings, long now) {
        return breakers.computeIfAbsent(scope, k -> new Breaker()).onFailure(settings, now);
    }

    Optional<Breaker.State> state(HealthScope scope) {
        return Optional.ofNullable(breakers.get(scope)).map(Breaker::state);
    }

    void reset(long credentialId) {
        breakers.keySet().removeIf(scope -> scope.covers(credentialId));
    }
}
