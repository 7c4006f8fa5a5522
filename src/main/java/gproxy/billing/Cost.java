package gproxy.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What a usage costs at a price, in integer nano-dollars. Each kind contributes
 * {@code tokens × nanos-per-1M × multiplier}; the exact sum is divided by 1,000,000 and rounded
 * half-even once, at the end (DESIGN §3: one rounding per settlement), so a request made of many small
 * components is not rounded component by component.
 */
public final class Cost {
    /**
     * The largest cost or estimate this package returns: one billion USD. Far above any real request,
     * and low enough that adding a few of them to an i64 quota counter cannot wrap it.
     */
    public static final long MAX_NANOS = 1_000_000_000_000_000_000L;

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_NANOS);

    private Cost() {
    }

    /** The cost of {@code usage} at {@code price}, tiered by the usage's prompt size and reported service tier. */
    public static long of(UsageReport usage, Price price) {
        Rates rates = price.rates(usage.promptTokens(), usage.serviceTier());
        BigDecimal sum = BigDecimal.ZERO;
        for (TokenKind kind : TokenKind.values()) {
            sum = sum.add(component(kind.tokens(usage), rates.rate(kind)));
        }
        return nanos(sum);
    }

    /** No matched rule costs nothing; the usage is still recorded. */
    public static long of(UsageReport usage, Optional<Price> price) {
        return price.map(p -> of(usage, p)).orElse(0L);
    }

    /** {@code tokens × rate} in nano-dollars × 1,000,000, exactly. */
    static BigDecimal component(long tokens, Rate rate) {
        if (tokens == 0 || rate.isZero()) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(tokens)
                .multiply(BigDecimal.valueOf(rate.nanosPerMillion()))
                .multiply(rate.multiplier().decimal());
    }

    /** The one rounding: nano-dollars × 1,000,000 → whole nano-dollars, half-even, capped at {@link #MAX_NANOS}. */
    static long nanos(BigDecimal nanosTimesMillion) {
        BigDecimal nanos = nanosTimesMillion.movePointLeft(6).setScale(0, RoundingMode.HALF_EVEN);
        if (nanos.signum() <= 0) {
            return 0;
        }
        return nanos.compareTo(MAX) >= 0 ? MAX_NANOS : nanos.longValueExact();
    }
}
