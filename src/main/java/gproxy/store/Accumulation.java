package gproxy.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Counters that appended rows add up to in another log table (usage rows → hour and day rollups):
 * {@code derive} turns each newly stored row into rows of {@code table}; their {@code counters} are
 * added to the stored row with the same {@code key} columns, or inserted as its first values, in one
 * upsert that accumulates ({@code ON CONFLICT … DO UPDATE SET c = c + excluded.c}), so concurrent
 * writers, also of other instances, lose nothing. {@code key} must be a unique key of {@code table}.
 */
public record Accumulation(Table table, List<String> key, List<String> counters, Function<Row, List<Row>> derive) {

    public Accumulation {
        Objects.requireNonNull(table, "table");
        key = List.copyOf(key);
        counters = List.copyOf(counters);
        Objects.requireNonNull(derive, "derive");
        if (!table.uniques().contains(key)) {
            throw new IllegalArgumentException(table.name() + ": key " + key + " (expected: one of its unique keys "
                    + table.uniques() + ")");
        }
        counters.forEach(c -> Values.type(table, c));
    }
}
