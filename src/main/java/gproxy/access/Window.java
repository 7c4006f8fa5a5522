package gproxy.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The quota windows of a {@code quotas} row. An anchor is the UTC epoch second at which the window
 * containing an instant opened; a stored {@code *_used} counts only while its anchor is the current
 * one. Calendar windows follow UTC: the day at 00:00, the ISO week on Monday 00:00, the month on the
 * 1st 00:00. The 5-hour and 7-day windows are fixed epoch-aligned buckets ({@code epoch / 5 h},
 * {@code epoch / 7 d}; the 7-day buckets start on Thursdays, as 1970-01-01 did), not v3's windows
 * anchored at a first request: buckets need no per-row state to agree on across instances, at the
 * price that a burst straddling a bucket edge may spend up to twice the limit within 5 h or 7 d.
 */
enum Window {
    TOTAL("total", "quota_total", "cost_used", Optional.empty()),
    DAY("daily", "quota_daily", "day_used", Optional.of("day_anchor")),
    WEEK("weekly", "quota_weekly", "week_used", Optional.of("week_anchor")),
    MONTH("monthly", "quota_monthly", "month_used", Optional.of("month_anchor")),
    FIVE_HOURS("5-hour", "quota_5h", "five_hour_used", Optional.of("five_hour_anchor")),
    SEVEN_DAYS("7-day", "quota_7d", "seven_day_used", Optional.of("seven_day_anchor"));

    private static final long DAY_S = 86_400L;
    private static final long FIVE_HOURS_S = 5 * 3_600L;
    private static final long SEVEN_DAYS_S = 7 * DAY_S;

    private final String label;
    private final String limitColumn;
    private final String usedColumn;
    private final Optional<String> anchorColumn;

    Window(String label, String limitColumn, String usedColumn, Optional<String> anchorColumn) {
        this.label = label;
        this.limitColumn = limitColumn;
        this.usedColumn = usedColumn;
        this.anchorColumn = anchorColumn;
    }

    String label() {
        return label;
    }

    String limitColumn() {
        return limitColumn;
    }

    String usedColumn() {
        return usedColumn;
    }

    /** Empty for {@link #TOTAL}, which never resets. */
    Optional<String> anchorColumn() {
        return anchorColumn;
    }

    /** The anchor of the window containing {@code now}; 0 for {@link #TOTAL}. */
    long anchor(Instant now) {
        long second = now.getEpochSecond();
        long day = Math.floorDiv(second, DAY_S);
        return switch (this) {
            case TOTAL -> 0L;
            case DAY -> day * DAY_S;
            case WEEK -> (day - Math.floorMod(day + 3, 7)) * DAY_S; // day 0 was a Thursday, 3 days after Monday
            case MONTH -> LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay() * DAY_S;
            case FIVE_HOURS -> Math.floorDiv(second, FIVE_HOURS_S) * FIVE_HOURS_S;
            case SEVEN_DAYS -> Math.floorDiv(second, SEVEN_DAYS_S) * SEVEN_DAYS_S;
        };
    }
}
