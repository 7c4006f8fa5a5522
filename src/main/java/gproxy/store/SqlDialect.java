package gproxy.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few places where the three dialects differ at run time: identifier quoting, generated keys,
 * statement atomicity, identity sequences and the classification of driver errors. DDL differences
 * live in the per-dialect migration scripts instead.
 */
final class SqlDialect {
    /** What a failed statement means for the caller. */
    enum Failure { UNIQUE, FOREIGN_KEY, NOT_NULL, TOO_LONG, UNAVAILABLE, OTHER }

    private static final Pattern SQLITE_UNIQUE = Pattern.compile("UNIQUE constraint failed: ([\\w., ]+)");

    private final Dialect dialect;

    SqlDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Names come from {@link Schema} only, never from input; quoting keeps keywords such as {@code query} safe. */
    String quote(String identifier) {
        return dialect == Dialect.MYSQL ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }

    /**
     * PostgreSQL aborts the whole transaction on any failed statement; a savepoint around each
     * store call keeps a rejected save (a 409 the caller handles) from poisoning the rest. SQLite
     * and InnoDB already roll back only the failed statement.
     */
    boolean needsSavepoints() {
        return dialect == Dialect.POSTGRES;
    }

    PreparedStatement prepareInsert(Connection connection, String sql) throws SQLException {
        return dialect == Dialect.POSTGRES
                ? connection.prepareStatement(sql, new String[] {"id"})
                : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    /**
     * After an insert with an explicit id, PostgreSQL's identity sequence does not move; this moves
     * it past the id (never backwards, so ids of deleted rows are not handed out again). SQLite's
     * AUTOINCREMENT and MySQL's AUTO_INCREMENT follow explicit ids by themselves.
     */
    Optional<String> advanceIdentity(Table table) {
        if (dialect != Dialect.POSTGRES) {
            return Optional.empty();
        }
        return Optional.of("SELECT setval(s, GREATEST(?, COALESCE(pg_sequence_last_value(s::regclass), 0))) "
                + "FROM (SELECT pg_get_serial_sequence('" + quote(table.name()) + "', 'id') AS s) q");
    }

    Failure classify(SQLException e) {
        for (SQLException s : chain(e)) {
            Failure f = classifyOne(s);
            if (f != Failure.OTHER) {
                return f;
            }
        }
        return Failure.OTHER;
    }

    /** A batch failure hides the real error in the next exception (PostgreSQL) or the cause (MariaDB). */
    private static java.util.List<SQLException> chain(SQLException e) {
        java.util.List<SQLException> all = new java.util.ArrayList<>();
        for (Throwable t = e; t instanceof SQLException s && all.size() < 10; ) {
            all.add(s);
            t = s.getNextException() != null ? s.getNextException() : s.getCause();
        }
        return all;
    }

    private Failure classifyOne(SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        if (state.startsWith("08") || e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.sql.SQLNonTransientConnectionException) {
            return Failure.UNAVAILABLE;
        }
        return switch (dialect) {
            case POSTGRES -> switch (state) {
                case "23505" -> Failure.UNIQUE;
                case "23503" -> Failure.FOREIGN_KEY;
                case "23502" -> Failure.NOT_NULL;
                case "22001" -> Failure.TOO_LONG;
                case "57P01", "57P02", "57P03" -> Failure.UNAVAILABLE;
                default -> Failure.OTHER;
            };
            case MYSQL -> switch (e.getErrorCode()) {
                case 1062, 1586 -> Failure.UNIQUE;
                case 1451, 1452, 1216, 1217 -> Failure.FOREIGN_KEY;
                case 1048, 1364 -> Failure.NOT_NULL;
                case 1406 -> Failure.TOO_LONG;
                default -> Failure.OTHER;
            };
            case SQLITE -> sqlite(e);
        };
    }

    /** sqlite-jdbc reports the primary code 19 for every constraint; the message names the kind. */
    private static Failure sqlite(SQLException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("");
        if (message.contains("UNIQUE constraint failed") || message.contains("PRIMARYKEY")) {
            return Failure.UNIQUE;
        }
        if (message.contains("FOREIGN KEY constraint failed")) {
            return Failure.FOREIGN_KEY;
        }
        if (message.contains("NOT NULL constraint failed")) {
            return Failure.NOT_NULL;
        }
        return Failure.OTHER;
    }

    /**
     * The columns of the unique key {@code e} reports: SQLite lists them ({@code t.a, t.b}), the
     * others name the constraint, which the migrations call {@code uq_<table>_<n>} after the n-th
     * entry of {@link Table#uniques()}. A primary-key clash (an explicit id) names {@code id}.
     */
    Optional<String> uniqueColumns(Table table, SQLException e) {
        String message = messages(e);
        if (dialect == Dialect.SQLITE) {
            Matcher m = SQLITE_UNIQUE.matcher(message);
            if (m.find()) {
                return Optional.of(m.group(1).replace(table.name() + ".", "").strip());
            }
        }
        for (int i = 0; i < table.uniques().size(); i++) {
            if (Pattern.compile("\\buq_" + table.name() + "_" + (i + 1) + "\\b").matcher(message).find()) {
                return Optional.of(String.join(", ", table.uniques().get(i)));
            }
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains(table.name() + "_pkey") || lower.contains("'primary'") || lower.contains(".primary'")) {
            return Optional.of("id");
        }
        return Optional.empty();
    }

    private static String messages(SQLException e) {
        StringBuilder all = new StringBuilder();
        for (SQLException s : chain(e)) {
            all.append(s.getMessage()).append('\n');
        }
        return all.toString();
    }
}
