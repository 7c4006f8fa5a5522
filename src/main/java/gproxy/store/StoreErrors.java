package gproxy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gproxy.error.GatewayException;

/**
 * Maps driver errors to the gateway's error family. Driver messages are never copied into a 4xx:
 * PostgreSQL's detail line quotes the clashing value, which may be a key digest. Only the first
 * line of an unexpected error's message is kept, for the operator.
 */
final class StoreErrors {
    private static final Pattern QUOTED_COLUMN = Pattern.compile("(?i)column ['\"`]?(\\w+)['\"`]?");

    private StoreErrors() {
    }

    static RuntimeException translate(SqlDialect sql, Connection connection, Table table, Row row, SQLException e) {
        return switch (sql.classify(e)) {
            case UNIQUE -> {
                String columns = sql.uniqueColumns(table, e).orElse("a unique key");
                yield GatewayException.conflict(columns, "already taken in " + table.name()
                        + " (expected: a value no other row has)");
            }
            case FOREIGN_KEY -> missingParent(connection, table, row);
            case NOT_NULL -> GatewayException.invalid(column(e).orElse(table.name()),
                    "missing (expected: a value; " + table.name() + " requires it)");
            case TOO_LONG -> GatewayException.invalid(column(e).orElse(table.name()),
                    "too long for the database column (expected: a shorter value)");
            case UNAVAILABLE -> StoreException.unavailable("database unreachable: " + firstLine(e), e);
            case OTHER -> StoreException.failed(table.name() + ": " + firstLine(e), e);
        };
    }

    /** Failures outside any table's rows (revision, migrations, connection set-up). */
    static RuntimeException general(SqlDialect sql, String what, SQLException e) {
        if (sql.classify(e) == SqlDialect.Failure.UNAVAILABLE) {
            return StoreException.unavailable("database unreachable: " + firstLine(e), e);
        }
        return StoreException.failed(what + ": " + firstLine(e), e);
    }

    /**
     * SQLite does not say which reference failed, so every dialect asks the database: the first
     * reference column whose parent row is absent is the one to name.
     */
    private static GatewayException missingParent(Connection connection, Table table, Row row) {
        for (References.Reference ref : References.of(table)) {
            Optional<Long> id = row.optionalLong(ref.column());
            if (id.isPresent() && !exists(connection, ref.parent(), id.get())) {
                return GatewayException.invalid(ref.column(), "no " + ref.parent().name() + " row with id " + id.get()
                        + " (expected: the id of an existing " + ref.parent().name() + " row)");
            }
        }
        String columns = String.join(", ", References.of(table).stream().map(References.Reference::column).toList());
        return GatewayException.invalid(columns.isEmpty() ? table.name() : columns,
                "refers to a row that does not exist (expected: existing parent ids)");
    }

    private static boolean exists(Connection connection, Table parent, long id) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM " + parent.name() + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return true; // cannot tell: let the generic message stand
        }
    }

    private static Optional<String> column(SQLException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("");
        Matcher sqlite = Pattern.compile("constraint failed: \\w+\\.(\\w+)").matcher(message);
        if (sqlite.find()) {
            return Optional.of(sqlite.group(1));
        }
        Matcher m = QUOTED_COLUMN.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static String firstLine(SQLException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.strip() + " (SQLState " + e.getSQLState() + ", code " + e.getErrorCode() + ")";
    }
}
