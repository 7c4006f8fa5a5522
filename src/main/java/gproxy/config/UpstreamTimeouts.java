package gproxy.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on one upstream call (reference §1.1 fixed limits, made configurable).
 *
 * @param connect    TCP and TLS connect; past it the candidate fails over as a transport error
 * @param firstByte  wait for response headers, and for each read of a non-streamed body
 * @param streamIdle longest silence between reads of a streamed body before it is cut; every socket
 *                   read is also bounded by {@code firstByte}, so a larger value is capped by it
 * @param keepalive  how often a streaming client hears a keepalive while its answer waits for a
 *                   buffered upstream (reference §5.3: 15 s); not a configuration key, tests shorten it
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle, Duration keepalive) {
    public static final Duration KEEPALIVE = Duration.ofSeconds(15);

    public static final UpstreamTimeouts DEFAULTS = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(600), Duration.ofSeconds(300));

    public UpstreamTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(firstByte, "firstByte");
        Objects.requireNonNull(streamIdle, "streamIdle");
        Objects.requireNonNull(keepalive, "keepalive");
        if (keepalive.isNegative() || keepalive.isZero()) {
            throw new IllegalArgumentException("keepalive: " + keepalive + " (expected: > 0)");
        }
    }

    /** Limits with the reference's keepalive interval. */
    public UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle) {
        this(connect, firstByte, streamIdle, KEEPALIVE);
    }
}
