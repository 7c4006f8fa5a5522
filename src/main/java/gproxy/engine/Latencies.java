package gproxy.engine;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** Per-member latency EWMA for {@code least_latency} (α = 0.3; the first sample is taken as-is). */
final class Latencies {
    static final double ALPHA = 0.3;

    private final ConcurrentHashMap<Long, Double> ewma = new ConcurrentHashMap<>();

    void observe(long memberId, Duration latency) {
        double sample = latency.toNanos() / 1_000_000.0;
        ewma.merge(memberId, sample, (old, s) -> old + ALPHA * (s - old));
    }

    /** Milliseconds; empty for a member never measured. */
    OptionalDouble millis(long memberId) {
        Double v = ewma.get(memberId);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
