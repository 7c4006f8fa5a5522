package gproxy.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gproxy.error.GatewayException;

/**
 * What an insert or an update writes, worked out before any SQL runs: defaults for omitted
 * columns, the store's timestamps, and the NOT NULL checks that name the column (a driver's
 * message would not, on every dialect).
 */
final class RowWrites {
    /** Columns and values in bind order. */
    record Assignments(List<String> columns, List<Object> values) {
    }

    private RowWrites() {
    }

    /**
     * Every column, with defaults applied to omitted ones, so that all rows of a batch bind alike.
     * Given timestamps are kept (an import may carry them); absent ones are {@code now}.
     */
    static Map<String, Object> insert(Table table, Row row, boolean keepId, long now) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (keepId) {
            values.put(Values.ID, row.requireId());
        }
        for (Column column : table.columns()) {
            Object value = row.has(column.name()) ? row.get(column.name()) : column.defaultValue().orElse(null);
            if (value == null && !column.nullable()) {
                throw GatewayException.invalid(column.name(), "missing (expected: a value; " + table.name()
                        + " requires it)");
            }
            values.put(column.name(), value);
        }
        values.put(Values.CREATED_AT, row.optionalLong(Values.CREATED_AT).orElse(now));
        values.put(Values.UPDATED_AT, row.optionalLong(Values.UPDATED_AT).orElse(now));
        return values;
    }

    /** The given columns, then {@code updated_at}, then the id for the WHERE clause. */
    static Assignments update(Table table, Row row, long now) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        row.values().forEach((name, value) -> {
            if (Values.managed(name)) {
                return; // id selects the row; the timestamps are the store's
            }
            Column column = table.column(name).orElseThrow();
            if (value == null && !column.nullable()) {
                throw GatewayException.invalid(name, "null (expected: a value; " + table.name() + " requires it)");
            }
            columns.add(name);
            values.add(value);
        });
        columns.add(Values.UPDATED_AT);
        values.add(now);
        columns.add(Values.ID);
        values.add(row.requireId());
        return new Assignments(columns, values);
    }
}
