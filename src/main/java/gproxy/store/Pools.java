package gproxy.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool for a {@link Dsn}, with the per-dialect connection settings. */
final class Pools {
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;
    /** SQLite: writes are serialized by the store, so a few connections serve the concurrent readers. */
    private static final int SQLITE_POOL_SIZE = 4;
    /**
     * Virtual threads make requests cheap, not connections: 16 per instance, queued by the pool. The
     * request path reads no database; what does use it per request is batched (usage rows, intents
     * by group commit) or one short transaction (the quota commit), so a connection is held for
     * milliseconds and 16 cover thousands of requests a second. Waiters park their virtual thread
     * (HikariCP 7 does not pin). N instances open up to 16 × N (+1 each for the instance-id lock):
     * size PostgreSQL's {@code max_connections} / MySQL's {@code max_connections} for that.
     */
    private static final int SERVER_POOL_SIZE = 16;

    /**
     * The MariaDB driver logs every server error at WARNING with its text, and a duplicate-key
     * error quotes the clashing value (a key digest, a user name). The same error reaches the store
     * as an exception, which it maps without values, so the driver's copy is silenced. A strong
     * reference keeps the level: JUL holds loggers weakly.
     */
    private static final java.util.logging.Logger MARIADB_ERRORS =
            java.util.logging.Logger.getLogger("org.mariadb.jdbc.message.server.ErrorPacket");

    private Pools() {
    }

    static HikariDataSource open(Dsn dsn) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gproxy-store");
        config.setJdbcUrl(dsn.jdbcUrl());
        dsn.user().ifPresent(config::setUsername);
        dsn.password().ifPresent(config::setPassword);
        config.setConnectionTimeout(10_000);
        switch (dsn.dialect()) {
            case SQLITE -> sqlite(config, dsn);
            case POSTGRES -> {
                config.setDriverClassName("org.postgresql.Driver");
                config.setMaximumPoolSize(SERVER_POOL_SIZE);
                config.setMinimumIdle(2);
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            case MYSQL -> {
                MARIADB_ERRORS.setLevel(java.util.logging.Level.OFF);
                config.setDriverClassName("org.mariadb.jdbc.Driver");
                config.setMaximumPoolSize(SERVER_POOL_SIZE);
                config.setMinimumIdle(2);
                // Same isolation as PostgreSQL's default, and strict mode: never truncate a value silently.
                config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
                config.setConnectionInitSql(
                        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')");
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw StoreException.unavailable("cannot connect to database " + dsn.redacted() + " (expected: "
                    + expectation(dsn.dialect()) + "): " + rootMessage(e, dsn), e);
        }
    }

    private static void sqlite(HikariConfig config, Dsn dsn) {
        config.setDriverClassName("org.sqlite.JDBC");
        config.setMaximumPoolSize(SQLITE_POOL_SIZE);
        config.setMinimumIdle(1);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
        // A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
        // another process wrote in between; taking the write lock at BEGIN waits instead.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        Path parent = dsn.sqliteFile().orElseThrow().getParent();
        if (dsn.mode().equals("rwc") && parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw StoreException.unavailable("cannot create the directory of database " + dsn.redacted()
                        + " (expected: a writable location): " + e.getMessage(), e);
            }
        }
    }

    private static String expectation(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> "a writable SQLite database file";
            case POSTGRES -> "a reachable PostgreSQL server that accepts this user and password";
            case MYSQL -> "a reachable MySQL or MariaDB server that accepts this user and password";
        };
    }

    /** The innermost cause says what went wrong; a password a driver might echo is masked anyway. */
    private static String rootMessage(Throwable e, Dsn dsn) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        String masked = dsn.password().filter(p -> !p.isEmpty()).map(p -> message.replace(p, "***")).orElse(message);
        int newline = masked.indexOf('\n');
        return newline < 0 ? masked : masked.substring(0, newline);
    }
}
