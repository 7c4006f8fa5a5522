package gproxy.access;

/**
 * The admission checks of one snapshot, in request-path order: permission, rate limits, quota.
 * Built once per snapshot by {@link AccessControl#forSnapshot}.
 */
public record Access(Permissions permissions, RateLimiter rateLimiter, QuotaGate quotaGate) {
}
