package gproxy.billing;

import java.math.BigDecimal;

/**
 * An exact, non-negative decimal factor ({@code unscaled × 10^-scale}) from a service-tier entry. Kept
 * exact instead of rounding the multiplied rate to whole nanos, so that a settlement rounds once.
 */
record Multiplier(long unscaled, int scale) {
    static final Multiplier ONE = new Multiplier(1, 0);

    Multiplier {
        if (unscaled < 0) {
            throw new IllegalArgumentException("multiplier: " + unscaled + "e-" + scale + " (expected: >= 0)");
        }
        if (scale < 0) {
            throw new IllegalArgumentException("multiplier scale: " + scale + " (expected: >= 0)");
        }
    }

    /** {@code "1.5"} or a JSON number's decimal value; at most 18 significant digits. */
    static Multiplier of(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.signum() < 0) {
            throw new IllegalArgumentException("multiplier: " + value.toPlainString() + " (expected: >= 0)");
        }
        // longValueExact throws ArithmeticException for more than a long's digits: a nonsense factor.
        return new Multiplier(v.unscaledValue().longValueExact(), v.scale());
    }

    BigDecimal decimal() {
        return BigDecimal.valueOf(unscaled, scale);
    }

    boolean isOne() {
        return unscaled == 1 && scale == 0;
    }
}
