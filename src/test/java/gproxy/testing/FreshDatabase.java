package gproxy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A new, empty database of one dialect for one test class, isolated as the store contract does it
 * (other suites share the servers): a temp SQLite file, a PostgreSQL schema of database {@code test},
 * a MariaDB database. PostgreSQL and MariaDB need their service ({@link ExternalServices#require}:
 * fails under CI, skips otherwise). {@link #close()} drops it.
 */
public final class FreshDatabase implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final String POSTGRES_URL = "jdbc:postgresql://" + HOST + ":5432/test";
    private static final String MARIADB_URL = "jdbc:mariadb://" + HOST + ":3306/";

    private final String dsn;
    private final String name;
    private final String adminUrl;
    private final String adminUser;
    private final Runnable drop;

    private FreshDatabase(String dsn, String name, String adminUrl, String adminUser, Runnable drop) {
        this.dsn = dsn;
        this.name = name;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.drop = drop;
    }

    public String dsn() {
        return dsn;
    }

    /** The schema (PostgreSQL) or database (MariaDB) name, to qualify tables in {@link #longs}. */
    public String name() {
        return name;
    }

    public static FreshDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("gproxy-db-");
            return new FreshDatabase("sqlite://" + dir.resolve("gproxy.db") + "?mode=rwc", "main",
                    "jdbc:sqlite:" + dir.resolve("gproxy.db"), "", () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FreshDatabase postgres() {
        ExternalServices.require("PostgreSQL", HOST, 5432);
        String schema = randomName();
        String user = execute(POSTGRES_URL, new String[] {"postgres", "root"}, "CREATE SCHEMA " + schema);
        return new FreshDatabase("postgres://" + user + "@" + HOST + ":5432/test?currentSchema=" + schema, schema,
                POSTGRES_URL, user, () -> execute(POSTGRES_URL, new String[] {user},
                        "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    public static FreshDatabase mariadb() {
        ExternalServices.require("MariaDB", HOST, 3306);
        String database = randomName();
        execute(MARIADB_URL, new String[] {"root"},
                "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new FreshDatabase("mysql://root@" + HOST + ":3306/" + database, database, MARIADB_URL, "root",
                () -> execute(MARIADB_URL, new String[] {"root"}, "DROP DATABASE IF EXISTS " + database));
    }

    /** The first column of every row {@code sql} returns, as longs (tables qualified by {@link #name}). */
    public List<Long> longs(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    private static String randomName() {
        return "gproxy_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Runs one statement as the first of {@code users} the server admits; returns that user. */
    private static String execute(String url, String[] users, String sql) {
        SQLException last = null;
        for (String user : users) {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
                st.execute(sql);
                return user;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot run " + sql, last);
    }

    @Override
    public void close() {
        drop.run();
    }
}
