package gproxy.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Versioned SQL migrations per dialect ({@code db/<dialect>/V<n>__<name>.sql} on the class path),
 * applied in order on open under a migration lock, so that instances starting together on one
 * database apply each version once. The ledger {@code schema_migrations} records each version with
 * a checksum of its script: an applied script that changed, or a database newer than this build,
 * stops the start with a message saying so.
 *
 * <p>PostgreSQL and SQLite apply each version in a transaction. MySQL commits DDL as it goes, so its
 * scripts are written to be repeatable ({@code IF NOT EXISTS}, {@code INSERT IGNORE}).
 */
final class Migrations {
    /** Every script, oldest first; each dialect has each one. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__usage_intents.sql",
            "V3__request_log_columns.sql", "V4__credential_usage_daily.sql", "V5__intent_quota.sql",
            "V6__lean_intents.sql");

    record Script(long version, String name, String text, String checksum) {
    }

    private static final String LEDGER = "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL "
            + "PRIMARY KEY, applied_at BIGINT NOT NULL, checksum VARCHAR(64) NOT NULL)";
    // Advisory lock keys: one per database and schema, so isolated schemas do not wait on each other.
    private static final String PG_KEY = "1735422584, hashtext(COALESCE(current_schema(), ''))";
    private static final String MYSQL_KEY = "CONCAT('gproxy_migrate_', MD5(COALESCE(DATABASE(), '')))";

    private Migrations() {
    }

    static void apply(DataSource pool, SqlDialect sql, Clock clock) {
        List<Script> scripts = scripts(sql.dialect());
        try (Connection connection = pool.getConnection()) {
            lock(connection, sql.dialect());
            try {
                migrate(connection, sql.dialect(), scripts, clock);
            } catch (SQLException | RuntimeException e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                unlock(connection, sql.dialect());
            }
        } catch (SQLException e) {
            throw StoreException.migration("migrating the " + sql.dialect().migrationDirectory() + " schema failed: "
                    + StoreErrors.firstLine(e), e);
        }
    }

    static List<Script> scripts(Dialect dialect) {
        return SCRIPTS.stream().map(name -> load(dialect, name)).toList();
    }

    /** Splits a script at semicolons that end a line; {@code --} comment lines are dropped. */
    static List<String> statements(String script) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static void migrate(Connection connection, Dialect dialect, List<Script> scripts, Clock clock)
            throws SQLException {
        // SQLite: one IMMEDIATE transaction around everything is the lock (see lock()).
        boolean wholeInOneTransaction = dialect == Dialect.SQLITE;
        execute(connection, LEDGER);
        TreeMap<Long, String> applied = ledger(connection);
        long known = scripts.getLast().version();
        long newest = applied.isEmpty() ? 0 : applied.lastKey();
        if (newest > known) {
            throw StoreException.migration("the database schema is at version " + newest + ", newer than this build "
                    + "knows (expected: at most " + known + "; run the gproxy version that migrated it, or newer)", null);
        }
        for (Script script : scripts) {
            String checksum = applied.get(script.version());
            if (checksum != null) {
                if (!checksum.equals(script.checksum())) {
                    throw StoreException.migration(script.name() + " changed after it was applied (checksum "
                            + checksum + " in schema_migrations, " + script.checksum() + " in this build; expected: "
                            + "applied migrations are never edited, add a new version instead)", null);
                }
                continue;
            }
            boolean ownTransaction = dialect == Dialect.POSTGRES;
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
            for (String statement : statements(script.text())) {
                execute(connection, statement);
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO schema_migrations (version, applied_at, checksum) VALUES (?, ?, ?)")) {
                ps.setLong(1, script.version());
                ps.setLong(2, clock.instant().getEpochSecond());
                ps.setString(3, script.checksum());
                ps.executeUpdate();
            }
            if (ownTransaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
        if (wholeInOneTransaction) {
            connection.commit();
        }
    }

    private static TreeMap<Long, String> ledger(Connection connection) throws SQLException {
        TreeMap<Long, String> applied = new TreeMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getLong(1), rs.getString(2));
            }
        }
        return applied;
    }

    /**
     * PostgreSQL and MySQL take a session-level named lock. SQLite has one writer per file: the
     * pool opens transactions as BEGIN IMMEDIATE, so starting one takes the write lock, and other
     * processes wait for it in the busy handler (given a generous timeout here).
     */
    private static void lock(Connection connection, Dialect dialect) throws SQLException {
        switch (dialect) {
            case POSTGRES -> execute(connection, "SELECT pg_advisory_lock(" + PG_KEY + ")");
            case MYSQL -> {
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT GET_LOCK(" + MYSQL_KEY + ", 120)")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw StoreException.migration("another instance held the migration lock for 120 s "
                                + "(expected: its migration to finish sooner)", null);
                    }
                }
            }
            case SQLITE -> {
                execute(connection, "PRAGMA busy_timeout = 60000");
                connection.setAutoCommit(false);
                execute(connection, "SELECT COUNT(*) FROM sqlite_master"); // starts the IMMEDIATE transaction
            }
        }
    }

    private static void unlock(Connection connection, Dialect dialect) throws SQLException {
        switch (dialect) {
            case POSTGRES -> execute(connection, "SELECT pg_advisory_unlock(" + PG_KEY + ")");
            case MYSQL -> execute(connection, "SELECT RELEASE_LOCK(" + MYSQL_KEY + ")");
            case SQLITE -> {
                connection.setAutoCommit(true);
                execute(connection, "PRAGMA busy_timeout = " + Pools.SQLITE_BUSY_TIMEOUT_MS);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static Script load(Dialect dialect, String name) {
        String path = "/db/" + dialect.migrationDirectory() + "/" + name;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw StoreException.migration("migration " + path + " is missing from the class path "
                        + "(expected: one script per version for every dialect)", null);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            long version = Long.parseLong(name.substring(1, name.indexOf("__")));
            return new Script(version, name, text, sha256(text));
        } catch (IOException e) {
            throw StoreException.migration("cannot read migration " + path, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
