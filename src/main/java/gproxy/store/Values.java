package gproxy.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds Java values to statements and reads them back with the types {@link Row} promises on every
 * dialect: drivers differ (SQLite hands out {@code Integer} for small numbers and stores booleans
 * as 0/1, MySQL's BOOLEAN is a TINYINT), so values are read by the column's declared type, not by
 * what the driver returns.
 */
final class Values {
    static final String ID = "id";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    private static final List<String> MANAGED = List.of(ID, CREATED_AT, UPDATED_AT);

    private Values() {
    }

    /** Every column of {@code table} in stored order: id, the schema's columns, the timestamps. */
    static List<String> allColumns(Table table) {
        List<String> names = new ArrayList<>();
        names.add(ID);
        names.addAll(table.columnNames());
        names.add(CREATED_AT);
        names.add(UPDATED_AT);
        return names;
    }

    static boolean managed(String column) {
        return MANAGED.contains(column);
    }

    /** The type of a column, the store-managed ones included; unknown names are a bug in the caller. */
    static Column.Type type(Table table, String column) {
        if (column.equals(ID)) {
            return Column.Type.REF;
        }
        if (column.equals(CREATED_AT) || column.equals(UPDATED_AT)) {
            return Column.Type.TIME;
        }
        return table.column(column).map(Column::type).orElseThrow(() -> new IllegalArgumentException(
                table.name() + "." + column + ": no such column (expected one of " + allColumns(table) + ")"));
    }

    static void bind(PreparedStatement statement, int index, Table table, String column, Object value)
            throws SQLException {
        Column.Type type = type(table, column);
        if (value == null) {
            statement.setNull(index, sqlType(type));
            return;
        }
        switch (type) {
            case REF, LONG, MONEY, TIME -> statement.setLong(index, asLong(table, column, value));
            case BOOL -> statement.setBoolean(index, asBoolean(table, column, value));
            case TEXT, LONGTEXT, JSON -> statement.setString(index, expect(table, column, value, String.class));
            case BLOB -> statement.setBytes(index, expect(table, column, value, byte[].class));
        }
    }

    static Row read(ResultSet rs, Table table) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> names = allColumns(table);
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), readOne(rs, i + 1, type(table, names.get(i))));
        }
        return new Row(values);
    }

    /** A grouped sum row: the grouping columns by type, then COUNT(*), then the sums. */
    static Sums readSums(ResultSet rs, Table table, List<String> groupBy, List<String> columns) throws SQLException {
        Map<String, Object> keys = new LinkedHashMap<>();
        int index = 1;
        for (String column : groupBy) {
            keys.put(column, readOne(rs, index++, type(table, column)));
        }
        long rows = rs.getLong(index++);
        Map<String, Long> sums = new LinkedHashMap<>();
        for (String column : columns) {
            sums.put(column, rs.getLong(index++));
        }
        return new Sums(keys, rows, sums);
    }

    private static Object readOne(ResultSet rs, int index, Column.Type type) throws SQLException {
        Object value = switch (type) {
            case REF, LONG, MONEY, TIME -> rs.getLong(index);
            case BOOL -> rs.getBoolean(index);
            case TEXT, LONGTEXT, JSON -> rs.getString(index);
            case BLOB -> rs.getBytes(index);
        };
        return rs.wasNull() ? null : value;
    }

    private static int sqlType(Column.Type type) {
        return switch (type) {
            case REF, LONG, MONEY, TIME -> Types.BIGINT;
            case BOOL -> Types.BOOLEAN;
            case TEXT, LONGTEXT, JSON -> Types.VARCHAR;
            case BLOB -> Types.VARBINARY;
        };
    }

    static long asLong(Table table, String column, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw mismatch(table, column, value, "an integer (Long)");
    }

    private static boolean asBoolean(Table table, String column, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw mismatch(table, column, value, "a Boolean");
    }

    private static <T> T expect(Table table, String column, Object value, Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw mismatch(table, column, value, "a " + type.getSimpleName());
    }

    /** A type mismatch is a bug in the caller (RowCodec checks input), so it is not a 400. */
    private static IllegalArgumentException mismatch(Table table, String column, Object value, String expected) {
        return new IllegalArgumentException(table.name() + "." + column + ": a " + value.getClass().getSimpleName()
                + " (expected: " + expected + ")");
    }
}
