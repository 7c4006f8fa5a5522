package gproxy.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The {@link Store} over JDBC and a HikariCP pool, for SQLite, PostgreSQL and MySQL/MariaDB.
 * {@link #open} migrates the schema before it returns, so a store in hand is ready to serve.
 *
 * <p>Must be closed: it owns the pool. Writes do not nest: a {@link #write} must not call
 * {@link #write} or {@link #append} of the same store (on SQLite that waits for itself).
 */
public final class JdbcStore implements Store {
    private final Dsn dsn;
    private final SqlDialect sql;
    private final HikariDataSource pool;
    private final Clock clock;
    /**
     * SQLite has one writer per file. Writers queue on this lock, which parks a virtual thread,
     * rather than in SQLite's busy handler, which sleeps in native code and holds the carrier.
     */
    private final Optional<ReentrantLock> writeLock;

    private JdbcStore(Dsn dsn, SqlDialect sql, HikariDataSource pool, Clock clock) {
        this.dsn = dsn;
        this.sql = sql;
        this.pool = pool;
        this.clock = clock;
        this.writeLock = dsn.dialect() == Dialect.SQLITE ? Optional.of(new ReentrantLock(true)) : Optional.empty();
    }

    /**
     * Opens the database named by a v2 DSN ({@code sqlite:///path/gproxy.db?mode=rwc},
     * {@code postgres://user:pass@host:port/db}, {@code mysql://user:pass@host:port/db}), applies
     * pending migrations and returns the ready store.
     *
     * @throws StoreException for a bad DSN, an unreachable database or a failed migration; the
     *                        message names the DSN with its password masked
     */
    public static JdbcStore open(String dsn) {
        return open(Dsn.parse(dsn), Clock.systemUTC());
    }

    static JdbcStore open(Dsn dsn, Clock clock) {
        HikariDataSource pool = Pools.open(dsn);
        try {
            SqlDialect sql = new SqlDialect(dsn.dialect());
            Migrations.apply(pool, sql, clock);
            return new JdbcStore(dsn, sql, pool, clock);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Claims {@code instanceId} on this database for the life of the returned lease; refuses when
     * another live instance holds it (see {@link InstanceLease}).
     */
    public InstanceLease leaseInstance(long instanceId) {
        return InstanceLease.acquire(dsn, instanceId);
    }

    @Override
    public Dialect dialect() {
        return sql.dialect();
    }

    @Override
    public List<Row> list(Table table, Query query) {
        return read(tx -> tx.list(table, query));
    }

    @Override
    public Optional<Row> find(Table table, long id) {
        return read(tx -> tx.find(table, id));
    }

    @Override
    public long count(Table table, Query query) {
        return read(tx -> tx.count(table, query));
    }

    @Override
    public long revision() {
        return read(JdbcTx::revision);
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        return transaction(work::apply);
    }

    @Override
    public void append(Table table, List<Row> rows) {
        append(table, rows, false);
    }

    @Override
    public void appendIgnoringDuplicates(Table table, List<Row> rows) {
        append(table, rows, true);
    }

    @Override
    public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column, List<String> keys) {
        appendAndDelete(table, rows, deleteFrom, column, keys, List.of());
    }

    @Override
    public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column, List<String> keys,
                                List<Accumulation> accumulations) {
        requireLogTable(table);
        requireLogTable(deleteFrom);
        accumulations.forEach(a -> requireLogTable(a.table()));
        if (rows.isEmpty() && keys.isEmpty()) {
            return;
        }
        transaction(tx -> {
            tx.deleteWhereIn(deleteFrom, column, keys);
            if (rows.isEmpty()) {
                return null;
            }
            List<Row> fresh = accumulations.isEmpty() ? rows : tx.absent(table, column, rows);
            tx.append(table, rows, true);
            for (Accumulation accumulation : accumulations) {
                tx.accumulate(accumulation, fresh);
            }
            return null;
        });
    }

    @Override
    public List<Row> select(Table table, Selection selection) {
        requireLogTable(table);
        return read(tx -> tx.select(table, selection));
    }

    @Override
    public List<Sums> sum(Table table, Selection selection, List<String> groupBy, List<String> columns) {
        requireLogTable(table);
        return read(tx -> tx.sum(table, selection, groupBy, columns));
    }

    @Override
    public long deleteWhere(Table table, Selection selection) {
        requireLogTable(table);
        return transaction(tx -> tx.deleteWhere(table, selection));
    }

    private static void requireLogTable(Table table) {
        if (Statements.isControlPlane(table)) {
            throw new IllegalArgumentException(table.name() + ": append, reporting and purges are for log "
                    + "tables (expected: usages, usage_intents, usage_rollups, credential_usage_daily, request logs, "
                    + "audit_logs or tokenizer_vocabs; config goes through write)");
        }
    }

    private void append(Table table, List<Row> rows, boolean ignoreDuplicates) {
        requireLogTable(table);
        if (rows.isEmpty()) {
            return;
        }
        transaction(tx -> {
            tx.append(table, rows, ignoreDuplicates);
            return null;
        });
    }

    @Override
    public long deleteLogs(Table table, Query query) {
        requireLogTable(table);
        return transaction(tx -> tx.deleteLogs(table, query));
    }

    @Override
    public long sizeBytes() {
        String text = switch (sql.dialect()) {
            case SQLITE -> "SELECT (p.page_count - f.freelist_count) * s.page_size "
                    + "FROM pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s";
            case POSTGRES -> "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                    + "AND c.relkind IN ('r', 'm')";
            case MYSQL -> "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE()";
        };
        try (Connection connection = connection(); Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery(text)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw StoreErrors.general(sql, "measuring the database size", e);
        }
    }

    @Override
    public void ping() {
        try (Connection connection = connection(); Statement st = connection.createStatement()) {
            st.execute("SELECT 1");
        } catch (SQLException e) {
            throw StoreException.unavailable("database " + dsn.redacted() + " unreachable: "
                    + StoreErrors.firstLine(e), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dsn.redacted() + "]";
    }

    private <T> T read(Function<JdbcTx, T> work) {
        try (Connection connection = connection()) {
            return work.apply(new JdbcTx(connection, sql, clock));
        } catch (SQLException e) {
            throw StoreErrors.general(sql, "closing a connection", e);
        }
    }

    /** Commits when {@code work} returns (after the revision bump, if config changed), rolls back when it throws. */
    private <T> T transaction(Function<JdbcTx, T> work) {
        if (writeLock.isPresent() && writeLock.get().isHeldByCurrentThread()) {
            // A second connection would wait for SQLite's write lock, which this thread holds.
            throw new IllegalStateException("a write inside a write of the same store (expected: use the Tx given)");
        }
        if (writeLock.isPresent()) {
            return sqliteTransaction(work);
        }
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                JdbcTx tx = new JdbcTx(connection, sql, clock);
                T result = work.apply(tx);
                tx.finish();
                connection.commit();
                return result;
            } catch (RuntimeException | Error | SQLException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw StoreErrors.general(sql, "committing a write", e);
        }
    }

    /**
     * SQLite: {@code BEGIN IMMEDIATE} and {@code COMMIT} as statements on a connection left in
     * auto-commit, under the write lock. The driver's own transactions cost twice as much: its
     * {@code setAutoCommit(false)} begins one, its {@code commit()} begins the next at once (taking
     * the file's write lock again), and the pool's reset on return commits that empty one — four
     * statements and two lock round trips per write instead of two and one.
     */
    private <T> T sqliteTransaction(Function<JdbcTx, T> work) {
        writeLock.orElseThrow().lock();
        try (Connection connection = connection(); Statement control = connection.createStatement()) {
            control.execute("BEGIN IMMEDIATE");
            try {
                JdbcTx tx = new JdbcTx(connection, sql, clock);
                T result = work.apply(tx);
                tx.finish();
                control.execute("COMMIT");
                return result;
            } catch (RuntimeException | Error | SQLException e) {
                try {
                    control.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                    pool.evictConnection(connection); // it may still hold the transaction open
                }
                throw e;
            }
        } catch (SQLException e) {
            throw StoreErrors.general(sql, "committing a write", e);
        } finally {
            writeLock.ifPresent(ReentrantLock::unlock);
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw StoreException.unavailable("no connection to database " + dsn.redacted() + ": "
                    + StoreErrors.firstLine(e), e);
        }
    }
}
