package gproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class WindowTest {
    private static final Instant WEDNESDAY_NOON = Instant.parse("2025-01-15T12:00:30Z");

    @Test
    void calendarWindowsOpenAtUtcMidnightOnMondayAndOnTheFirst() {
        assertThat(anchor(Window.DAY, WEDNESDAY_NOON)).isEqualTo("2025-01-15T00:00:00Z");
        assertThat(anchor(Window.WEEK, WEDNESDAY_NOON)).isEqualTo("2025-01-13T00:00:00Z");
        assertThat(anchor(Window.WEEK, Instant.parse("2025-01-19T23:59:59Z"))).isEqualTo("2025-01-13T00:00:00Z");
        assertThat(anchor(Window.WEEK, Instant.parse("2025-01-20T00:00:00Z"))).isEqualTo("2025-01-20T00:00:00Z");
        assertThat(anchor(Window.MONTH, WEDNESDAY_NOON)).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(anchor(Window.MONTH, Instant.parse("2024-02-29T23:59:59Z"))).isEqualTo("2024-02-01T00:00:00Z");
    }

    @Test
    void fiveHourAndSevenDayWindowsAreEpochAlignedBuckets() {
        // 5 h does not divide a day: on 2025-01-15 the buckets open at 03:00, 08:00, 13:00, 18:00 and 23:00.
        assertThat(anchor(Window.FIVE_HOURS, WEDNESDAY_NOON)).isEqualTo("2025-01-15T08:00:00Z");
        assertThat(anchor(Window.FIVE_HOURS, Instant.parse("2025-01-15T12:59:59Z"))).isEqualTo("2025-01-15T08:00:00Z");
        assertThat(anchor(Window.FIVE_HOURS, Instant.parse("2025-01-15T13:00:00Z"))).isEqualTo("2025-01-15T13:00:00Z");
        assertThat(anchor(Window.SEVEN_DAYS, WEDNESDAY_NOON)).as("buckets start on Thursdays")
                .isEqualTo("2025-01-09T00:00:00Z");
    }

    @Test
    void theTotalNeverTurnsAndInstantsBefore1970StillFloor() {
        assertThat(Window.TOTAL.anchor(WEDNESDAY_NOON)).isZero();
        assertThat(anchor(Window.DAY, Instant.parse("1969-12-31T23:00:00Z"))).isEqualTo("1969-12-31T00:00:00Z");
        assertThat(anchor(Window.WEEK, Instant.parse("1969-12-31T23:00:00Z"))).isEqualTo("1969-12-29T00:00:00Z");
    }

    private static String anchor(Window window, Instant now) {
        return Instant.ofEpochSecond(window.anchor(now)).toString();
    }
}
