package gproxy.billing;

/**
 * One effective rate: nano-dollars per 1,000,000 tokens, times an exact multiplier from a
 * service-tier entry ({@link Multiplier#ONE} when none applies).
 */
record Rate(long nanosPerMillion, Multiplier multiplier) {
    static final Rate ZERO = new Rate(0, Multiplier.ONE);

    Rate {
        if (nanosPerMillion < 0) {
            throw new IllegalArgumentException("rate: " + nanosPerMillion + " nanos per 1M tokens (expected: >= 0)");
        }
    }

    static Rate of(long nanosPerMillion) {
        return new Rate(nanosPerMillion, Multiplier.ONE);
    }

    Rate times(Multiplier factor) {
        if (factor.isOne()) {
            return this;
        }
        // Composition multiplies at most once (one service-tier entry), so the digits stay small.
        return new Rate(nanosPerMillion, Multiplier.of(multiplier.decimal().multiply(factor.decimal())));
    }

    boolean isZero() {
        return nanosPerMillion == 0 || multiplier.unscaled() == 0;
    }
}
