package gproxy.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The claim of one instance id on a shared database: a session-level named lock (PostgreSQL
 * {@code pg_try_advisory_lock}, MySQL {@code GET_LOCK}) held on a connection of its own for the life
 * of the process. A second live instance with the same id cannot take it and is refused at start,
 * before it could reconcile (and bill) the first one's in-flight usage intents as left-overs. The
 * database drops the lock with the connection, so a killed instance frees its id at once.
 *
 * <p>The connection is checked every {@link #CHECK_INTERVAL}; when it was lost, the lock is taken
 * again, and if another process holds it meanwhile that is logged as an error and {@link #held()}
 * turns false (readiness reports it). SQLite has no lease: one file is one machine, and its
 * instances are the operator's to tell apart.
 *
 * <p>Must be closed.
 */
public final class InstanceLease implements AutoCloseable {
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = System.getLogger(InstanceLease.class.getName());
    private static final String PG_LOCK = "SELECT pg_try_advisory_lock(hashtextextended('gproxy-instance:' "
            + "|| COALESCE(current_schema(), '') || ':' || ?, 0))";
    private static final String MYSQL_LOCK = "SELECT GET_LOCK(CONCAT('gproxy_i_', MD5(CONCAT(COALESCE(DATABASE(), "
            + "''), ':', ?))), 0)";

    private final Dsn dsn;
    private final long instanceId;
    private final ScheduledExecutorService checker;
    private volatile Connection connection;
    private volatile boolean held;

    private InstanceLease(Dsn dsn, long instanceId, Connection connection) {
        this.dsn = dsn;
        this.instanceId = instanceId;
        this.connection = connection;
        this.held = true;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("gproxy-instance-lease").unstarted(r));
        checker.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Claims {@code instanceId}; empty lease on SQLite.
     *
     * @throws StoreException when another live instance holds the id, or the database cannot be reached
     */
    static InstanceLease acquire(Dsn dsn, long instanceId) {
        if (dsn.dialect() == Dialect.SQLITE) {
            return new InstanceLease(dsn, instanceId, null);
        }
        Connection c = connect(dsn);
        try {
            if (!tryLock(c, dsn.dialect(), instanceId)) {
                throw StoreException.unavailable("instance id " + instanceId + " is in use by another running "
                        + "instance on database " + dsn.redacted() + " (expected: a distinct GPROXY_INSTANCE_ID for "
                        + "each instance sharing a database)", (Throwable) null);
            }
            return new InstanceLease(dsn, instanceId, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreException.unavailable("cannot claim instance id " + instanceId + " on " + dsn.redacted()
                    + ": " + StoreErrors.firstLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** False once the id was lost to another process after a dropped connection. */
    public boolean held() {
        return held;
    }

    @Override
    public void close() {
        checker.shutdownNow();
        closeQuietly(connection); // the database releases the lock with the session
        connection = null;
    }

    private void check() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT 1");
            return;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "lost the connection holding instance id " + instanceId + "; claiming it again");
        }
        closeQuietly(c);
        try {
            Connection fresh = connect(dsn);
            if (tryLock(fresh, dsn.dialect(), instanceId)) {
                connection = fresh;
                held = true;
                return;
            }
            closeQuietly(fresh);
            held = false;
            LOG.log(Level.ERROR, "instance id " + instanceId + " is now held by another process: two instances run "
                    + "with the same GPROXY_INSTANCE_ID; give each its own and restart one");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot claim instance id " + instanceId + " again yet: " + e.getMessage());
        }
    }

    private static boolean tryLock(Connection c, Dialect dialect, long instanceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect == Dialect.POSTGRES ? PG_LOCK : MYSQL_LOCK)) {
            ps.setString(1, Long.toString(instanceId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A connection of its own, outside the pool: it is held for the process's life. */
    private static Connection connect(Dsn dsn) {
        Properties props = new Properties();
        dsn.user().ifPresent(u -> props.setProperty("user", u));
        dsn.password().ifPresent(p -> props.setProperty("password", p));
        try {
            return DriverManager.getConnection(dsn.jdbcUrl(), props);
        } catch (SQLException e) {
            throw StoreException.unavailable("cannot connect to database " + dsn.redacted() + ": "
                    + StoreErrors.firstLine(e), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "closing the lease connection failed: " + e.getMessage());
        }
    }
}
