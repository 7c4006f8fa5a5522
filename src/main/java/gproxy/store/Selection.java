package gproxy.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reporting filter over a log table (usage rows, rollups): column equality, an inclusive range on
 * one integer column (time), an {@code id < beforeId} cursor or an offset, a limit and an order by id.
 * {@link Query} stays the simple filter of configuration reads; this one also feeds aggregates and
 * purges ({@link Store#sum}, {@link Store#deleteWhere}), where limit, offset and order do not apply.
 */
public record Selection(Map<String, Object> equals, List<Range> ranges, Optional<Long> beforeId, int limit,
                        long offset, boolean descending) {

    /** {@code from <= column <= to}, each end optional. */
    public record Range(String column, Optional<Long> from, Optional<Long> to) {
    }

    public Selection {
        equals = Map.copyOf(equals);
        ranges = List.copyOf(ranges);
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
    }

    public static Selection all() {
        return new Selection(Map.of(), List.of(), Optional.empty(), Query.UNLIMITED, 0, false);
    }

    public Selection and(String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(equals);
        copy.put(column, value);
        return new Selection(copy, ranges, beforeId, limit, offset, descending);
    }

    public Selection between(String column, Optional<Long> from, Optional<Long> to) {
        if (from.isEmpty() && to.isEmpty()) {
            return this;
        }
        List<Range> more = new java.util.ArrayList<>(ranges);
        more.add(new Range(column, from, to));
        return new Selection(equals, more, beforeId, limit, offset, descending);
    }

    public Selection before(long id) {
        return new Selection(equals, ranges, Optional.of(id), limit, offset, descending);
    }

    public Selection limit(int max) {
        return new Selection(equals, ranges, beforeId, max, offset, descending);
    }

    public Selection offset(long skip) {
        return new Selection(equals, ranges, beforeId, limit, skip, descending);
    }

    public Selection newestFirst() {
        return new Selection(equals, ranges, beforeId, limit, offset, true);
    }
}
