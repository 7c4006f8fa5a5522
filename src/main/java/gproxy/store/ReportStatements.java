package gproxy.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * SQL text for reporting over log tables: selections with ranges and paging, grouped sums, purges,
 * and the accumulating upsert of {@link Accumulation}. Identifiers are checked against the table;
 * values are bind parameters.
 */
final class ReportStatements {
    private ReportStatements() {
    }

    static Statements.Where where(SqlDialect sql, Table table, Selection selection) {
        StringJoiner clause = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : selection.equals().entrySet()) {
            Values.type(table, e.getKey());
            clause.add(sql.quote(e.getKey()) + " = ?");
            columns.add(e.getKey());
            values.add(e.getValue());
        }
        for (Selection.Range range : selection.ranges()) {
            requireNumber(table, range.column());
            range.from().ifPresent(from -> {
                clause.add(sql.quote(range.column()) + " >= ?");
                columns.add(range.column());
                values.add(from);
            });
            range.to().ifPresent(to -> {
                clause.add(sql.quote(range.column()) + " <= ?");
                columns.add(range.column());
                values.add(to);
            });
        }
        selection.beforeId().ifPresent(id -> {
            clause.add(sql.quote(Values.ID) + " < ?");
            columns.add(Values.ID);
            values.add(id);
        });
        return new Statements.Where(clause.toString(), columns, values);
    }

    static String select(SqlDialect sql, Table table, Selection selection, Statements.Where where) {
        StringBuilder text = new StringBuilder(Statements.select(sql, table)).append(where.sql())
                .append(" ORDER BY ").append(sql.quote(Values.ID)).append(selection.descending() ? " DESC" : " ASC");
        if (selection.limit() != Query.UNLIMITED || selection.offset() > 0) {
            // MySQL has no OFFSET without LIMIT; a limit this large is "no limit" everywhere
            long limit = selection.limit() == Query.UNLIMITED ? Long.MAX_VALUE / 2 : selection.limit();
            text.append(" LIMIT ").append(limit);
            if (selection.offset() > 0) {
                text.append(" OFFSET ").append(selection.offset());
            }
        }
        return text.toString();
    }

    static String sum(SqlDialect sql, Table table, List<String> groupBy, List<String> columns, Statements.Where where) {
        groupBy.forEach(c -> Values.type(table, c));
        columns.forEach(c -> requireNumber(table, c));
        StringJoiner select = new StringJoiner(", ", "SELECT ", "");
        groupBy.forEach(c -> select.add(sql.quote(c)));
        select.add("COUNT(*)");
        columns.forEach(c -> select.add("COALESCE(SUM(" + sql.quote(c) + "), 0)"));
        String group = groupBy.stream().map(sql::quote).collect(Collectors.joining(", "));
        return select + " FROM " + sql.quote(table.name()) + where.sql()
                + (groupBy.isEmpty() ? "" : " GROUP BY " + group + " ORDER BY " + group);
    }

    static String delete(SqlDialect sql, Table table, Statements.Where where) {
        return "DELETE FROM " + sql.quote(table.name()) + where.sql();
    }

    /** {@code SELECT column FROM table WHERE column IN (?, …)} for {@code count} values. */
    static String present(SqlDialect sql, Table table, String column, int count) {
        return "SELECT " + sql.quote(column) + " FROM " + sql.quote(table.name()) + " WHERE " + sql.quote(column)
                + " IN (" + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
    }

    /**
     * Inserts the key, the counters and the timestamps; on a clash with the key, adds the counters to
     * the stored ones. The bind order is {@code columns}.
     */
    static String accumulate(SqlDialect sql, Accumulation a, List<String> columns) {
        String insert = Statements.insert(sql, a.table(), columns);
        String t = sql.quote(a.table().name());
        String updated = sql.quote(Values.UPDATED_AT);
        if (sql.dialect() == Dialect.MYSQL) {
            return insert + " ON DUPLICATE KEY UPDATE " + a.counters().stream()
                    .map(c -> sql.quote(c) + " = " + sql.quote(c) + " + VALUES(" + sql.quote(c) + ")")
                    .collect(Collectors.joining(", ")) + ", " + updated + " = VALUES(" + updated + ")";
        }
        return insert + " ON CONFLICT (" + a.key().stream().map(sql::quote).collect(Collectors.joining(", "))
                + ") DO UPDATE SET " + a.counters().stream()
                .map(c -> sql.quote(c) + " = " + t + "." + sql.quote(c) + " + excluded." + sql.quote(c))
                .collect(Collectors.joining(", ")) + ", " + updated + " = excluded." + updated;
    }

    private static void requireNumber(Table table, String column) {
        Column.Type type = Values.type(table, column);
        if (type != Column.Type.LONG && type != Column.Type.MONEY && type != Column.Type.TIME
                && type != Column.Type.REF) {
            throw new IllegalArgumentException(table.name() + "." + column + ": a " + type
                    + " column (expected: an integer column)");
        }
    }
}
