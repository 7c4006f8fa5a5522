package gproxy.engine;

import gproxy.channel.Disposition;
/**
 * The failover ladder (features §5.5), read top to bottom: the first rung that applies decides.
 *
 * <p>Only attempts that ran count: a candidate skipped for its budget, its health (including a
 * probe slot another request holds) or an unreadable secret never reaches this policy and consumes
 * nothing.
 */
public final class RetryPolicy {
    /** {@code GPROXY_MAX_ATTEMPTS} default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 6;

    private final int maxAttempts;

    public RetryPolicy(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts: " + maxAttempts + " (expected: >= 1)");
        }
        this.maxAttempts = maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * @param attempts         attempts that ran so far, the last one included
     * @param last             how the last one ended
     * @param candidatesRemain whether an untried candidate is left
     */
    public RetryDecision decide(int attempts, Disposition last, boolean candidatesRemain) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: >= 1)");
        }
        if (last instanceof Disposition.Success) {
            return new RetryDecision.Stop(true, "the upstream answered");
        }
        if (last instanceof Disposition.Permanent) {
            return new RetryDecision.Stop(true, "a client error is the client's answer; another upstream would agree");
        }
        if (attempts >= maxAttempts) {
            return exhausted(last, "attempt budget of " + maxAttempts + " spent");
        }
        if (!candidatesRemain) {
            return exhausted(last, "no candidate left");
        }
        return new RetryDecision.Next(switch (last) {
            case Disposition.AuthDead a -> "credential refused; cooled, trying the next";
            case Disposition.RateLimited r -> "rate limited; cooled, trying the next";
            case Disposition.Transient t -> "upstream failed; trying the next";
            case Disposition.Success s -> throw new AssertionError("handled above");
            case Disposition.Permanent p -> throw new AssertionError("handled above");
        });
    }

    /**
     * Out of road: a final 429 goes back as it is, so the client sees the upstream's Retry-After
     * (v4); an upstream 401/5xx does not, since it would read as a fault of the client's own key
     * or of the gateway's answer.
     */
    private static RetryDecision exhausted(Disposition last, String reason) {
        return new RetryDecision.Stop(last instanceof Disposition.RateLimited, reason);
    }
}
