package gproxy.billing;

/** Token arithmetic that saturates instead of wrapping: an upstream may report absurd counts. */
final class Tokens {
    private Tokens() {
    }

    static long sum(long... counts) {
        long total = 0;
        for (long count : counts) {
            total = add(total, count);
        }
        return total;
    }

    static long add(long a, long b) {
        long r = a + b;
        // Both are non-negative here, so overflow shows as a negative result.
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** {@code a - b}, never below zero: a detail larger than its total is an upstream fault, not a credit. */
    static long minus(long a, long b) {
        return Math.max(0, a - b);
    }
}
