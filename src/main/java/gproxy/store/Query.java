package gproxy.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A simple filter for listing rows: column equality, an optional {@code id < beforeId} cursor, a
 * limit, newest first or oldest first. Enough for the admin API and snapshot loading; richer
 * reporting queries live next to the code that needs them.
 */
public record Query(Map<String, Object> equals, Optional<Long> beforeId, int limit, boolean descending) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Query {
        equals = Map.copyOf(equals);
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
        }
    }

    public static Query all() {
        return new Query(Map.of(), Optional.empty(), UNLIMITED, false);
    }

    public static Query where(String column, Object value) {
        return all().and(column, value);
    }

    public Query and(String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(equals);
        copy.put(column, value);
        return new Query(copy, beforeId, limit, descending);
    }

    public Query limit(int max) {
        return new Query(equals, beforeId, max, descending);
    }

    public Query before(long id) {
        return new Query(equals, Optional.of(id), limit, descending);
    }

    public Query newestFirst() {
        return new Query(equals, beforeId, limit, true);
    }
}
