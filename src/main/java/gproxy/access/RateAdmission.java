package gproxy.access;

import java.util.List;

/**
 * What an admitted request owes the rate limiter at settlement: the daily token counters of the
 * limits that matched it, captured at admission so settlement feeds the same rows even if the
 * snapshot changed meanwhile. Pass it to {@link RateLimiter#recordTokens}.
 */
public final class RateAdmission {
    static final RateAdmission NONE = new RateAdmission(List.of());

    private final List<String> tokenCounterPrefixes;

    RateAdmission(List<String> tokenCounterPrefixes) {
        this.tokenCounterPrefixes = List.copyOf(tokenCounterPrefixes);
    }

    List<String> tokenCounterPrefixes() {
        return tokenCounterPrefixes;
    }
}
