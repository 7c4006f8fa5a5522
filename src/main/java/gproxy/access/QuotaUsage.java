package gproxy.access;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import gproxy.store.Row;

/**
 * What one quota row has spent, per window: the used amount (nano-dollars) and the anchor it
 * belongs to. Immutable; the ledger swaps whole values.
 */
record QuotaUsage(Map<Window, Counted> windows) {
    static final QuotaUsage NONE = new QuotaUsage(Map.of());

    record Counted(long anchor, long used) {
    }

    QuotaUsage {
        windows = Map.copyOf(windows);
    }

    /** The usage columns of a {@code quotas} row; a NULL anchor means the window never opened. */
    static QuotaUsage of(Row row) {
        Map<Window, Counted> windows = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            long used = row.optionalLong(w.usedColumn()).orElse(0L);
            long anchor = w.anchorColumn().map(c -> row.optionalLong(c).orElse(Long.MIN_VALUE)).orElse(0L);
            windows.put(w, new Counted(anchor, used));
        }
        return new QuotaUsage(windows);
    }

    /**
     * Spent in the window containing {@code now}. A stale anchor counts as 0; a newer one (another
     * writer's clock ahead of ours) counts in full, which errs on the side of refusing.
     */
    long usedAt(Window window, Instant now) {
        Counted c = windows.get(window);
        return c != null && c.anchor() >= window.anchor(now) ? c.used() : 0L;
    }

    /**
     * Both views folded into one, per window: the later anchor wins, the same anchor keeps the larger
     * amount. Within a window amounts only grow, so of two reads of the same row the larger is the
     * later, and results that arrive out of order cannot move usage backwards.
     */
    QuotaUsage merge(QuotaUsage other) {
        Map<Window, Counted> merged = new EnumMap<>(Window.class);
        merged.putAll(windows);
        other.windows.forEach((w, theirs) -> merged.merge(w, theirs, QuotaUsage::later));
        return new QuotaUsage(merged);
    }

    /** This usage with {@code amount} spent at {@code now}: stale windows restart at it. */
    QuotaUsage plus(long amount, Instant now) {
        Map<Window, Counted> added = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            long anchor = w.anchor(now);
            Counted c = windows.get(w);
            added.put(w, c != null && c.anchor() >= anchor
                    ? new Counted(c.anchor(), Math.addExact(c.used(), amount))
                    : new Counted(anchor, amount));
        }
        return new QuotaUsage(added);
    }

    private static Counted later(Counted a, Counted b) {
        if (a.anchor() != b.anchor()) {
            return a.anchor() > b.anchor() ? a : b;
        }
        return a.used() >= b.used() ? a : b;
    }
}
