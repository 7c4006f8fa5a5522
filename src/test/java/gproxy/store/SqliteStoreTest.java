package gproxy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import gproxy.config.Settings;

/** The store contract on SQLite: each fresh database is a file in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    static Path dir;

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected String freshDsn() {
        return Settings.sqliteDsn(dir.resolve("db-" + databases.incrementAndGet()));
    }

    @Override
    protected void dropFresh() {
        // @TempDir deletes the files
    }

    @Test
    void pooledConnectionsUseWalForeignKeysNormalSyncAndABusyTimeout() throws Exception {
        try (HikariDataSource pool = Pools.open(Dsn.parse(freshDsn()));
             Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            assertThat(pragma(st, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(st, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(st, "synchronous")).isEqualTo("1"); // NORMAL
            assertThat(pragma(st, "busy_timeout")).isEqualTo(String.valueOf(Pools.SQLITE_BUSY_TIMEOUT_MS));
        }
    }

    @Test
    void pooledTransactionsTakeTheWriteLockAtBegin() throws Exception {
        String dsn = freshDsn();
        JdbcStore.open(dsn).close();
        try (HikariDataSource pool = Pools.open(Dsn.parse(dsn)); Connection writer = pool.getConnection();
             Connection other = DriverManager.getConnection(Dsn.parse(dsn).jdbcUrl());
             Statement st = writer.createStatement(); Statement probe = other.createStatement()) {
            writer.setAutoCommit(false);
            st.executeQuery("SELECT COUNT(*) FROM providers").close(); // a read only, yet the lock is held

            probe.execute("PRAGMA busy_timeout = 0");
            assertThatThrownBy(() -> probe.execute("BEGIN IMMEDIATE")).hasMessageContaining("SQLITE_BUSY");
            writer.rollback();
        }
    }

    private static String pragma(Statement st, String name) throws Exception {
        try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    protected Dialect dialect() {
        return Dialect.SQLITE;
    }
}
