package gproxy.access;

/**
 * The admission checks of one snapshot, in request-path order: permission, rate limits, quota.
 * Built once per snapshot by {@link AccessControl#forSnapshot}.
 */
public record Access(Permissions permissions, RateLimiter rateLimiter, QuotaGate quotaGate) {

    /**
     * Rate limits, then quota, for a caller whose permission was checked: 429 (nothing stays counted),
     * 402, or 503 {@code counter_unavailable}. A quota refusal keeps the request's rate-limit count: the
     * request was made.
     */
    public Admitted admit(Caller caller, String exposedName, long estimateNanos) {
        RateAdmission rate = rateLimiter.admit(caller, exposedName);
        Reservation reservation = quotaGate.reserve(caller, estimateNanos);
        return new Admitted(caller, exposedName, rateLimiter, rate, reservation);
    }
}
