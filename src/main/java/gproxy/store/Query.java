package gproxy.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A simple filter for listing rows: column equality, inclusive lower and exclusive upper bounds on
 * numeric columns (time ranges), an optional {@code id < beforeId} cursor, a limit and an offset, newest first or
 * oldest first. Enough for the admin API, log reads and snapshot loading; richer reporting queries
 * live next to the code that needs them.
 */
public record Query(Map<String, Object> equals, Map<String, Long> atLeast, Map<String, Long> below,
                    Optional<Long> beforeId, int limit, int offset, boolean descending) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Query {
        equals = Map.copyOf(equals);
        atLeast = Map.copyOf(atLeast);
        below = Map.copyOf(below);
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
        }
        if (offset < 0 || offset > 0 && limit == UNLIMITED) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0, and a limit with it)");
        }
    }

    public static Query all() {
        return new Query(Map.of(), Map.of(), Map.of(), Optional.empty(), UNLIMITED, 0, false);
    }

    public static Query where(String column, Object value) {
        return all().and(column, value);
    }

    public Query and(String column, Object value) {
        return new Query(put(equals, column, value), atLeast, below, beforeId, limit, offset, descending);
    }

    /** Rows whose {@code column} is at least {@code value} (inclusive). */
    public Query atLeast(String column, long value) {
        return new Query(equals, put(atLeast, column, value), below, beforeId, limit, offset, descending);
    }

    /** Rows whose {@code column} is less than {@code value} (exclusive). */
    public Query below(String column, long value) {
        return new Query(equals, atLeast, put(below, column, value), beforeId, limit, offset, descending);
    }

    public Query limit(int max) {
        return new Query(equals, atLeast, below, beforeId, max, offset, descending);
    }

    public Query before(long id) {
        return new Query(equals, atLeast, below, Optional.of(id), limit, offset, descending);
    }

    /** Skips the first {@code rows} matches (page navigation); needs a limit. */
    public Query offset(int rows) {
        return new Query(equals, atLeast, below, beforeId, limit, rows, descending);
    }

    public Query newestFirst() {
        return new Query(equals, atLeast, below, beforeId, limit, offset, true);
    }

    private static <V> Map<String, V> put(Map<String, V> map, String column, V value) {
        Map<String, V> copy = new LinkedHashMap<>(map);
        copy.put(column, value);
        return copy;
    }
}
