package gproxy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import gproxy.error.InvalidInputException;
import gproxy.testing.ExternalServices;

/**
 * The store contract on the local MariaDB/MySQL (127.0.0.1:3306, root without password): each
 * fresh database is a new {@code gproxy_t_…} database, dropped afterwards.
 */
class MariaDbStoreTest extends StoreContract {
    private static final String HOST = "127.0.0.1";
    private static final int PORT = 3306;

    private final List<String> databases = new ArrayList<>();

    @Override
    protected String freshDsn() {
        ExternalServices.require("MariaDB", HOST, PORT);
        String database = "gproxy_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        databases.add(database);
        return "mysql://root@" + HOST + ":" + PORT + "/" + database;
    }

    @Override
    protected void dropFresh() throws SQLException {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String database : databases) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    @Override
    protected String jdbcUrlForAnalyze() {
        return "jdbc:mariadb://" + HOST + ":" + PORT + "/" + databases.getFirst() + "?user=root&password=";
    }

    @Test
    void textLongerThanAnIndexedColumnIsABadRequestNamingIt() {
        try (JdbcStore store = JdbcStore.open(freshDsn())) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> store.write(tx -> tx.save(
                    Schema.PROVIDERS, Row.of(Map.of("name", "n".repeat(300), "channel", "openai")))));

            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("name");
        }
    }

    @Override
    protected Dialect dialect() {
        return Dialect.MYSQL;
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + PORT + "/", "root", "");
    }
}
