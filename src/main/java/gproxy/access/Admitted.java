package gproxy.access;

/**
 * A request that passed admission (permission, rate limits, quota) for one exposed name: what
 * settlement owes the limiter and the quota. Must be closed: closing releases the quota reservation
 * unless settlement committed it, so every error path after admission gives the estimate back.
 *
 * @param rateAdmission the daily token counters to feed at settlement
 * @param reservation   the pending estimate; {@link Reservation#commit} charges the settled cost
 */
public record Admitted(Caller caller, String exposedName, RateLimiter rateLimiter, RateAdmission rateAdmission,
                       Reservation reservation) implements AutoCloseable {

    /** Feeds the settled tokens to the daily token limits that admitted the request. */
    public void recordTokens(long tokens) {
        rateLimiter.recordTokens(rateAdmission, tokens);
    }

    @Override
    public void close() {
        reservation.close();
    }
}
