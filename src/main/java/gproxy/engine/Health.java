package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

import gproxy.channel.Disposition;
import gproxy.engine.HealthTransition.Kind;
import gproxy.engine.HealthTransition.State;
import gproxy.snapshot.Routing;

/**
 * This instance's soft health state (features §5.6): breakers per route member, per credential and
 * per credential + upstream model, rate-limit and dead-auth cooldowns beside them, and member
 * latencies. Planning asks side-effect-free questions; only {@link #tryAcquire} — called for the
 * attempt about to run — takes a half-open probe slot. Health edges go to the listener.
 *
 * <p>Model requests touch model-scoped state only; the credential-wide scope is read by them (it
 * dominates) but changed only by credential-targeted operations ({@link #recordCredential}).
 */
public final class Health {
    private static final Logger LOG = System.getLogger(Health.class.getName());
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    static final Duration AUTH_DEAD_COOLDOWN = Duration.ofSeconds(600);

    private final Clock clock;
    private final HealthListener listener;
    final Breakers breakers = new Breakers();
    final Cooldowns cooldowns = new Cooldowns();
    final Latencies latencies = new Latencies();

    public Health(Clock clock, HealthListener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    /** Takes what the attempt needs (a probe slot where one is due); false means skip this candidate. */
    public boolean tryAcquire(Candidate c) {
        long now = clock.millis();
        HealthScope scope = HealthScope.forModel(c.credential().id(), c.upstreamModel());
        if (!credentialAvailable(c.credential().id(), c.upstreamModel(), now)) {
            return false;
        }
        Optional<HealthScope> member = c.member().map(m -> new HealthScope.Member(m.id()));
        Breaker.Admission memberAdmission = member.map(m -> breakers.tryAcquire(m, now)).orElse(Breaker.Admission.CLOSED);
        if (memberAdmission == Breaker.Admission.REFUSED) {
            return false;
        }
        if (breakers.tryAcquire(scope, now) == Breaker.Admission.REFUSED) {
            if (memberAdmission == Breaker.Admission.PROBE) {
                breakers.release(member.get(), now);
            }
            return false;
        }
        return true;
    }

    /** Records how an attempt of {@code c} ended; {@code elapsed} feeds the latency of a success. */
    public void record(Candidate c, Disposition outcome, Duration elapsed) {
        long now = clock.millis();
        long credential = c.credential().id();
        HealthScope scope = HealthScope.forModel(credential, c.upstreamModel());
        Optional<String> model = c.upstreamModel().isEmpty() ? Optional.empty() : Optional.of(c.upstreamModel());
        c.member().ifPresent(m -> {
            HealthScope ms = new HealthScope.Member(m.id());
            switch (outcome) {
                case Disposition.Success s -> {
                    breakers.success(ms);
                    latencies.observe(m.id(), elapsed);
                }
                case Disposition.Transient t -> breakers.failure(ms, m.breaker(), now);
                default -> { }
            }
        });
        record(scope, credential, model, outcome, c.provider().breaker(), now);
    }

    /** Records a credential-targeted operation (refresh, model list, usage), which alone moves credential-wide state. */
    public void recordCredential(Routing.Provider provider, long credentialId, Disposition outcome) {
        record(new HealthScope.Credential(credentialId), credentialId, Optional.empty(), outcome, provider.breaker(),
                clock.millis());
    }

    /** Takes a credential-wide probe slot for a credential-targeted operation; false means do not run it. */
    public boolean tryAcquireCredential(long credentialId) {
        long now = clock.millis();
        HealthScope scope = new HealthScope.Credential(credentialId);
        return !cooldowns.active(scope, now) && breakers.tryAcquire(scope, now) != Breaker.Admission.REFUSED;
    }

    /** Forgets every breaker and cooldown of the credential (admin health reset). */
    public void reset(long credentialId) {
        breakers.reset(credentialId);
        cooldowns.reset(credentialId);
    }

    boolean memberAvailable(Routing.Member member, long now) {
        return breakers.available(new HealthScope.Member(member.id()), now);
    }

    /** Credential-wide "no" dominates; then the model scope (skipped for model-less operations). */
    boolean credentialAvailable(long credentialId, String model, long now) {
        HealthScope wide = new HealthScope.Credential(credentialId);
        if (cooldowns.active(wide, now) || !breakers.available(wide, now)) {
            return false;
        }
        if (model.isEmpty()) {
            return true;
        }
        HealthScope scoped = new HealthScope.Model(credentialId, model);
        return !cooldowns.active(scoped, now) && breakers.available(scoped, now);
    }

    OptionalDouble latencyMillis(long memberId) {
        return latencies.millis(memberId);
    }

    long now() {
        return clock.millis();
    }

    private void record(HealthScope scope, long credential, Optional<String> model, Disposition outcome,
                        Routing.BreakerSettings settings, long now) {
        switch (outcome) {
            case Disposition.Success s -> {
                boolean closed = breakers.success(scope).isPresent();
                if (cooldowns.clearExpired(scope, now) || closed) {
                    emit(credential, model, Kind.RECOVERED, State.CLOSED, Optional.empty(), 0,
                            closed ? "probe succeeded" : "cooldown over", now);
                }
            }
            case Disposition.Transient t -> breakers.failure(scope, settings, now).ifPresent(tr -> {
                if (tr instanceof Breaker.Opened o) {
                    emit(credential, model, Kind.BREAKER, State.OPEN, Optional.of(o.until()), o.failures(),
                            o.failures() + " consecutive failures", now);
                }
            });
            case Disposition.RateLimited r -> cool(scope, credential, model, Kind.RATE_LIMITED,
                    r.retryAfter().filter(d -> d.isPositive()).orElse(DEFAULT_RETRY_AFTER), "upstream rate limit", now);
            case Disposition.AuthDead a -> cool(scope, credential, model, Kind.AUTH_DEAD, AUTH_DEAD_COOLDOWN,
                    "upstream refused the credential", now);
            case Disposition.Permanent p -> { }
        }
    }

    private void cool(HealthScope scope, long credential, Optional<String> model, Kind kind, Duration length,
                      String reason, long now) {
        cooldowns.extend(scope, kind, now + length.toMillis()).ifPresent(c ->
                emit(credential, model, kind, State.COOLDOWN, Optional.of(c.until()), 0, reason, now));
    }

    private void emit(long credential, Optional<String> model, Kind kind, State state, Optional<Long> until,
                      int failures, String reason, long now) {
        HealthTransition t = new HealthTransition(credential, model, kind, state, until.map(Instant::ofEpochMilli),
                failures, reason, Instant.ofEpochMilli(now));
        try {
            listener.onTransition(t);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health listener failed for credential " + credential + ": " + e, e);
        }
    }
}
