package gproxy.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so time-dependent behaviour is exact without sleeping. */
final class MutableClock extends Clock {
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private volatile Instant now = START;

    void advance(Duration d) {
        now = now.plus(d);
    }

    long nanos() {
        return now.toEpochMilli() * 1_000_000L;
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
