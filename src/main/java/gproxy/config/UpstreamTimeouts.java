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
 */
public record UpstreamTimeouts(Duration connect, Duration firstByte, Duration streamIdle) {
    public static final UpstreamTimeouts DEFAULTS = new UpstreamTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(600), Duration.ofSeconds(300));

    public UpstreamTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(firstByte, "firstByte");
        Objects.requireNonNull(streamIdle, "streamIdle");
    }
}
