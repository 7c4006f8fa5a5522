package gproxy.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * An empty database of the test's own on the shared local PostgreSQL (a new schema of database
 * {@code test}) or MariaDB (a new database), so tests running beside others never meet their rows.
 * Closing drops it.
 */
public final class FreshDatabase implements AutoCloseable {
    private final String dsn;
    private final String name;
    private final String dropSql;
    private final String adminUrl;
    private final String adminUser;

    private FreshDatabase(String dsn, String name, String dropSql, String adminUrl, String adminUser) {
        this.dsn = dsn;
        this.name = name;
        this.dropSql = dropSql;
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
    }

    public static FreshDatabase postgres() {
        ExternalServices.require("PostgreSQL", "127.0.0.1", 5432);
        String schema = randomName();
        String url = "jdbc:postgresql://127.0.0.1:5432/test";
        String user = postgresUser(url);
        execute(url, user, "CREATE SCHEMA " + schema);
        return new FreshDatabase("postgres://" + user + "@127.0.0.1:5432/test?currentSchema=" + schema, schema,
                "DROP SCHEMA IF EXISTS " + schema + " CASCADE", url, user);
    }

    public static FreshDatabase mariaDb() {
        ExternalServices.require("MariaDB", "127.0.0.1", 3306);
        String database = randomName();
        String url = "jdbc:mariadb://127.0.0.1:3306/";
        execute(url, "root", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new FreshDatabase("mysql://root@127.0.0.1:3306/" + database, database, "DROP DATABASE IF EXISTS " + database,
                url, "root");
    }

    public String dsn() {
        return dsn;
    }

    /** The schema (PostgreSQL) or database (MariaDB) name, to qualify tables in {@link #longs}. */
    public String name() {
        return name;
    }

    /** The first column of every row {@code sql} returns, as longs. */
    public java.util.List<Long> longs(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, ""); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            java.util.List<Long> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    @Override
    public void close() {
        execute(adminUrl, adminUser, dropSql);
    }

    private static String randomName() {
        return "gproxy_c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The machine's trust auth admits {@code postgres} or {@code root}, whichever exists. */
    private static String postgresUser(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return "postgres";
        } catch (SQLException e) {
            return "root";
        }
    }

    private static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
