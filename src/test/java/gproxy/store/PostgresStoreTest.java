package gproxy.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import gproxy.testing.ExternalServices;

/**
 * The store contract on the local PostgreSQL (127.0.0.1:5432, trust auth, database {@code test}):
 * each fresh database is a new schema, selected with {@code currentSchema} and dropped afterwards.
 */
class PostgresStoreTest extends StoreContract {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;
    private static final String DATABASE = "test";

    private final List<String> schemas = new ArrayList<>();
    private String user;

    @Override
    protected String freshDsn() {
        ExternalServices.require("PostgreSQL", HOST, PORT);
        String schema = "gproxy_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        schemas.add(schema);
        return "postgres://" + user + "@" + HOST + ":" + PORT + "/" + DATABASE + "?currentSchema=" + schema;
    }

    @Override
    protected void dropFresh() throws SQLException {
        if (schemas.isEmpty()) {
            return;
        }
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Override
    protected Dialect dialect() {
        return Dialect.POSTGRES;
    }

    /** The machine's trust auth admits {@code postgres} or {@code root}, whichever exists. */
    private Connection admin() throws SQLException {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
        if (user != null) {
            return DriverManager.getConnection(url, user, "");
        }
        try {
            Connection c = DriverManager.getConnection(url, "postgres", "");
            user = "postgres";
            return c;
        } catch (SQLException e) {
            Connection c = DriverManager.getConnection(url, "root", "");
            user = "root";
            return c;
        }
    }
}
