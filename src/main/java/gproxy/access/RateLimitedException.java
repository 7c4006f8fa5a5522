package gproxy.access;

import java.util.Map;

import gproxy.error.GatewayException;

/**
 * 429 {@code rate_limited}. {@link #retryAfterSeconds()} is the time to the end of the window that
 * refused, for the {@code Retry-After} header; it is at least 1.
 */
public final class RateLimitedException extends GatewayException {
    private final long retryAfterSeconds;

    RateLimitedException(String message, long retryAfterSeconds) {
        super(429, "rate_limited", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
