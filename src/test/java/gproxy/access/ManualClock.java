package gproxy.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so window edges are exact without sleeping. Starts on a Wednesday, 12:00:30 UTC. */
final class ManualClock extends Clock {
    static final Instant START = Instant.parse("2025-01-15T12:00:30Z");

    private volatile Instant now = START;

    void advance(Duration d) {
        now = now.plus(d);
    }

    void set(Instant instant) {
        now = instant;
    }

    /** For the in-process cache, so TTLs expire on this clock too. */
    long nanos() {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
