package gproxy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import gproxy.error.GatewayException;

/**
 * The operations of one {@link Store#write} transaction (or of one read on an auto-commit
 * connection) over a single JDBC connection. Each mutating call is atomic on its own: when it
 * fails, the transaction is left as it was before the call, so a caller may handle a 409 and go on.
 * Not thread-safe; lives no longer than its transaction.
 */
final class JdbcTx implements Store.Tx {
    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private final Connection connection;
    private final SqlDialect sql;
    private final Clock clock;
    private boolean controlPlaneChanged;

    JdbcTx(Connection connection, SqlDialect sql, Clock clock) {
        this.connection = connection;
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public List<Row> list(Table table, Query query) {
        Statements.Where where = Statements.where(sql, table, query);
        String text = Statements.select(sql, table) + where.sql() + " ORDER BY " + sql.quote(Values.ID)
                + (query.descending() ? " DESC" : " ASC") + (query.limit() == Query.UNLIMITED ? "" : " LIMIT " + query.limit())
                + (query.offset() == 0 ? "" : " OFFSET " + query.offset());
        return reading(table, () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Values.read(rs, table));
                    }
                }
                return rows;
            }
        });
    }

    @Override
    public Optional<Row> find(Table table, long id) {
        List<Row> rows = list(table, Query.where(Values.ID, id).limit(1));
        return rows.stream().findFirst();
    }

    long count(Table table, Query query) {
        Statements.Where where = Statements.where(sql, table, query.offset(0).limit(Query.UNLIMITED));
        String text = "SELECT COUNT(*) FROM " + sql.quote(table.name()) + where.sql();
        return reading(table, () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Row save(Table table, Row row) {
        Statements.checkColumns(table, row);
        return row.id().isPresent() ? update(table, row) : insert(table, row, false);
    }

    @Override
    public Row insertWithId(Table table, Row row) {
        Statements.checkColumns(table, row);
        if (row.id().isEmpty()) {
            throw new IllegalArgumentException(table.name() + ": insertWithId without an id (expected: a row with id)");
        }
        return insert(table, row, true);
    }

    @Override
    public boolean delete(Table table, long id) {
        return changing(table, Row.of(Map.of()), () -> {
            int dependants = 0;
            for (String statement : Statements.deleteScoped(sql, table)) {
                dependants += update(statement, table, List.of(Values.ID), List.of(id));
            }
            int deleted = update("DELETE FROM " + sql.quote(table.name()) + " WHERE " + sql.quote(Values.ID) + " = ?",
                    table, List.of(Values.ID), List.of(id));
            if (deleted + dependants > 0) {
                markChanged(table);
            }
            return deleted > 0;
        });
    }

    @Override
    public long increment(Table table, long id, String column, long delta) {
        requireCounter(table, column);
        String c = sql.quote(column);
        String text = "UPDATE " + sql.quote(table.name()) + " SET " + c + " = COALESCE(" + c + ", 0) + ?, "
                + sql.quote(Values.UPDATED_AT) + " = ? WHERE " + sql.quote(Values.ID) + " = ?";
        return changing(table, Row.of(Map.of()), () -> {
            int rows = update(text, table, List.of(column, Values.UPDATED_AT, Values.ID), List.of(delta, now(), id));
            if (rows == 0) {
                throw GatewayException.notFound(table.name() + " " + id);
            }
            // Our UPDATE holds the row lock until commit, so this reads our own increment.
            return find(table, id).orElseThrow().longValue(column);
        });
    }

    @Override
    public long incrementWindow(Table table, long id, String column, String anchorColumn, long anchor, long delta) {
        requireCounter(table, column);
        requireCounter(table, anchorColumn);
        String c = sql.quote(column);
        String a = sql.quote(anchorColumn);
        // The counter is assigned before the anchor: MySQL evaluates SET left to right with the values
        // already assigned, so this order makes every dialect compare against the stored anchor.
        String text = "UPDATE " + sql.quote(table.name()) + " SET "
                + c + " = CASE WHEN " + a + " >= ? THEN COALESCE(" + c + ", 0) + ? ELSE ? END, "
                + a + " = CASE WHEN " + a + " >= ? THEN " + a + " ELSE ? END, "
                + sql.quote(Values.UPDATED_AT) + " = ? WHERE " + sql.quote(Values.ID) + " = ?";
        List<String> columns = List.of(anchorColumn, column, column, anchorColumn, anchorColumn, Values.UPDATED_AT,
                Values.ID);
        return changing(table, Row.of(Map.of()), () -> {
            int rows = update(text, table, columns, List.of(anchor, delta, delta, anchor, anchor, now(), id));
            if (rows == 0) {
                throw GatewayException.notFound(table.name() + " " + id);
            }
            return find(table, id).orElseThrow().longValue(column);
        });
    }

    private static void requireCounter(Table table, String column) {
        Column.Type type = Values.type(table, column);
        if (type != Column.Type.LONG && type != Column.Type.MONEY) {
            throw new IllegalArgumentException(table.name() + "." + column + ": a " + type
                    + " column (expected: LONG or MONEY)");
        }
    }

    /** Batch insert of log rows; the caller owns the transaction. No revision bump: these are not config. */
    void append(Table table, List<Row> rows, boolean ignoreDuplicates) {
        List<Map<String, Object>> prepared = new ArrayList<>();
        for (Row row : rows) {
            Statements.checkColumns(table, row);
            if (row.id().isPresent()) {
                throw new IllegalArgumentException(table.name() + ": append with an id (expected: the store assigns ids)");
            }
            prepared.add(RowWrites.insert(table, row, false, now()));
        }
        List<String> columns = List.copyOf(prepared.getFirst().keySet());
        changing(table, rows.getFirst(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(ignoreDuplicates
                    ? Statements.insertIgnoringDuplicates(sql, table, columns) : Statements.insert(sql, table, columns))) {
                for (Map<String, Object> values : prepared) {
                    bindAll(ps, table, columns, new ArrayList<>(values.values()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** See {@link Store#deleteLogs}: the oldest {@code limit} matches go, found as an id threshold first. */
    long deleteLogs(Table table, Query query) {
        Query scope = query;
        if (query.limit() != Query.UNLIMITED) {
            Statements.Where where = Statements.where(sql, table, query);
            String last = "SELECT " + sql.quote(Values.ID) + " FROM " + sql.quote(table.name()) + where.sql()
                    + " ORDER BY " + sql.quote(Values.ID) + " ASC LIMIT 1 OFFSET " + (query.limit() - 1);
            Optional<Long> threshold = reading(table, () -> {
                try (PreparedStatement ps = connection.prepareStatement(last)) {
                    where.bind(ps, table, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                    }
                }
            });
            if (threshold.isPresent()) {
                long cut = threshold.get() + 1;
                scope = query.before(query.beforeId().map(b -> Math.min(b, cut)).orElse(cut));
            }
        }
        Statements.Where where = Statements.where(sql, table, scope.offset(0).limit(Query.UNLIMITED));
        String text = "DELETE FROM " + sql.quote(table.name()) + where.sql();
        return plain("deleting from " + table.name(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Batch delete of log rows by one column's value; the caller owns the transaction. No revision bump. */
    void deleteWhereIn(Table table, String column, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Values.type(table, column);
        String text = "DELETE FROM " + sql.quote(table.name()) + " WHERE " + sql.quote(column) + " = ?";
        plain("deleting from " + table.name(), () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                for (String key : keys) {
                    Values.bind(ps, 1, table, column, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The rows whose {@code column} value is stored in none of the table's rows, nor earlier in {@code rows}. */
    List<Row> absent(Table table, String column, List<Row> rows) {
        Set<String> seen = new HashSet<>();
        List<String> keys = rows.stream().map(r -> r.text(column)).toList();
        String text = ReportStatements.present(sql, table, column, keys.size());
        reading(table, () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                for (int i = 0; i < keys.size(); i++) {
                    Values.bind(ps, i + 1, table, column, keys.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return rows.stream().filter(r -> seen.add(r.text(column))).toList();
    }

    /**
     * Adds what {@code rows} derive to the accumulated rows: merged per key first, then one upsert per
     * key, in key order, so two writers lock rows in the same order and cannot deadlock each other.
     */
    void accumulate(Accumulation a, List<Row> rows) {
        // keyed by the key's text (its order is the lock order), computed once per row, not per comparison
        Map<String, Map.Entry<List<Object>, long[]>> merged = new TreeMap<>();
        for (Row row : rows) {
            for (Row derived : a.derive().apply(row)) {
                Statements.checkColumns(a.table(), derived);
                List<Object> key = a.key().stream().map(k -> valueOrDefault(a.table(), derived, k)).toList();
                long[] sums = merged.computeIfAbsent(key.toString(),
                        k -> Map.entry(key, new long[a.counters().size()])).getValue();
                for (int i = 0; i < sums.length; i++) {
                    Object v = derived.get(a.counters().get(i));
                    sums[i] = Math.addExact(sums[i], v == null ? 0L : Values.asLong(a.table(), a.counters().get(i), v));
                }
            }
        }
        if (merged.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(a.key());
        columns.addAll(a.counters());
        columns.add(Values.CREATED_AT);
        columns.add(Values.UPDATED_AT);
        String text = ReportStatements.accumulate(sql, a, columns);
        long now = now();
        changing(a.table(), Row.of(Map.of()), () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                for (Map.Entry<List<Object>, long[]> e : merged.values()) {
                    List<Object> values = new ArrayList<>(e.getKey());
                    for (long sum : e.getValue()) {
                        values.add(sum);
                    }
                    values.add(now);
                    values.add(now);
                    bindAll(ps, a.table(), columns, values);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static Object valueOrDefault(Table table, Row row, String column) {
        Object value = row.get(column);
        if (value != null) {
            return value;
        }
        return table.column(column).flatMap(Column::defaultValue).orElseThrow(() -> new IllegalArgumentException(
                table.name() + "." + column + ": a key column without a value or a default"));
    }

    List<Row> select(Table table, Selection selection) {
        Statements.Where where = ReportStatements.where(sql, table, selection);
        String text = ReportStatements.select(sql, table, selection, where);
        return reading(table, () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(Values.read(rs, table));
                    }
                }
                return rows;
            }
        });
    }

    List<Sums> sum(Table table, Selection selection, List<String> groupBy, List<String> columns) {
        Statements.Where where = ReportStatements.where(sql, table, selection);
        String text = ReportStatements.sum(sql, table, groupBy, columns, where);
        return reading(table, () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                List<Sums> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Values.readSums(rs, table, groupBy, columns));
                    }
                }
                return out;
            }
        });
    }

    long deleteWhere(Table table, Selection selection) {
        Statements.Where where = ReportStatements.where(sql, table, selection);
        String text = ReportStatements.delete(sql, table, where);
        return changing(table, Row.of(Map.of()), () -> {
            try (PreparedStatement ps = connection.prepareStatement(text)) {
                where.bind(ps, table, 1);
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Called once before commit: the one revision bump of a transaction that changed config. */
    void finish() {
        if (!controlPlaneChanged) {
            return;
        }
        int rows = plain("bumping the config revision", () -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE config_revision SET revision = revision + 1 WHERE id = 1")) {
                return ps.executeUpdate();
            }
        });
        if (rows != 1) {
            throw StoreException.failed("config_revision has no row (expected: the one row V1 inserts)", null);
        }
    }

    long revision() {
        return plain("reading the config revision", () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT revision FROM config_revision WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private Row insert(Table table, Row row, boolean keepId) {
        Map<String, Object> values = RowWrites.insert(table, row, keepId, now());
        List<String> columns = List.copyOf(values.keySet());
        return changing(table, row, () -> {
            long id;
            try (PreparedStatement ps = sql.prepareInsert(connection, Statements.insert(sql, table, columns))) {
                bindAll(ps, table, columns, new ArrayList<>(values.values()));
                ps.executeUpdate();
                id = keepId ? row.requireId() : generatedId(ps);
            }
            if (keepId) {
                advanceIdentity(table, id);
            }
            markChanged(table);
            return find(table, id).orElseThrow();
        });
    }

    private Row update(Table table, Row row) {
        long id = row.requireId();
        RowWrites.Assignments set = RowWrites.update(table, row, now());
        String text = Statements.update(sql, table, set.columns().subList(0, set.columns().size() - 1));
        return changing(table, row, () -> {
            if (update(text, table, set.columns(), set.values()) == 0) {
                throw GatewayException.notFound(table.name() + " " + id);
            }
            markChanged(table);
            return find(table, id).orElseThrow();
        });
    }

    private int update(String text, Table table, List<String> columns, List<Object> values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(text)) {
            bindAll(ps, table, columns, values);
            return ps.executeUpdate();
        }
    }

    private void advanceIdentity(Table table, long id) throws SQLException {
        Optional<String> text = sql.advanceIdentity(table);
        if (text.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(text.get())) {
            ps.setLong(1, id);
            ps.executeQuery().close();
        }
    }

    private static void bindAll(PreparedStatement ps, Table table, List<String> columns, List<Object> values)
            throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            Values.bind(ps, i + 1, table, columns.get(i), values.get(i));
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated id returned");
            }
            return keys.getLong(1);
        }
    }

    private void markChanged(Table table) {
        controlPlaneChanged |= Statements.isControlPlane(table);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private <T> T reading(Table table, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreErrors.translate(sql, connection, table, Row.of(Map.of()), e);
        }
    }

    private <T> T plain(String what, SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreErrors.general(sql, what, e);
        }
    }

    /** Runs one mutating call atomically (a savepoint where the dialect needs one) and maps its failures. */
    private <T> T changing(Table table, Row row, SqlWork<T> work) {
        Savepoint savepoint = null;
        try {
            if (sql.needsSavepoints() && !connection.getAutoCommit()) {
                savepoint = connection.setSavepoint();
            }
            T result = work.run();
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return result;
        } catch (SQLException e) {
            rollbackTo(savepoint);
            throw StoreErrors.translate(sql, connection, table, row, e);
        } catch (RuntimeException e) {
            rollbackTo(savepoint);
            throw e;
        }
    }

    private void rollbackTo(Savepoint savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            // the connection is gone; the transaction fails on commit and rolls back as a whole
        }
    }
}
