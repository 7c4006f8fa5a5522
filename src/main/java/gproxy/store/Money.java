package gproxy.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is stored and counted as integer nano-dollars (1e-9 USD) and shown as decimal USD strings.
 * Conversions round half-even, once.
 */
public final class Money {
    public static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);

    private Money() {
    }

    /** {@code "1.5"} → 1_500_000_000; more than 9 decimals are rounded half-even. */
    public static long parseUsd(String usd) {
        return toNanos(new BigDecimal(usd.strip()));
    }

    public static long toNanos(BigDecimal usd) {
        return usd.multiply(NANOS_PER_USD).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    public static BigDecimal toUsd(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS_PER_USD).stripTrailingZeros();
    }

    /** 1_500_000_000 → {@code "1.5"}; 0 → {@code "0"}. */
    public static String formatUsd(long nanos) {
        BigDecimal usd = toUsd(nanos);
        return usd.signum() == 0 ? "0" : usd.toPlainString();
    }
}
