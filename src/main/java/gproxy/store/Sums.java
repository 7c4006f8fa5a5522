package gproxy.store;

import java.util.Map;

/**
 * One group of an aggregate ({@link Store#sum}): the values of the grouping columns, the number of
 * rows in the group and the sum of each summed column (0 for an empty selection).
 */
public record Sums(Map<String, Object> keys, long rows, Map<String, Long> sums) {

    public Sums {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys)); // values may be null
        sums = Map.copyOf(sums);
    }

    public long sum(String column) {
        Long value = sums.get(column);
        if (value == null) {
            throw new IllegalArgumentException("not summed: " + column + " (expected one of " + sums.keySet() + ")");
        }
        return value;
    }
}
