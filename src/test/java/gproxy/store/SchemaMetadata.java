package gproxy.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a migrated database says about itself through JDBC metadata, for comparison with {@link Schema}. */
final class SchemaMetadata implements AutoCloseable {
    /** One column as the database declares it. */
    record DbColumn(String typeName, boolean nullable) {
    }

    private final Connection connection;
    private final DatabaseMetaData meta;
    private final String catalog;
    private final String schema;

    SchemaMetadata(String dsn) throws SQLException {
        Dsn parsed = Dsn.parse(dsn);
        Properties props = new Properties();
        parsed.user().ifPresent(u -> props.setProperty("user", u));
        parsed.password().ifPresent(p -> props.setProperty("password", p));
        this.connection = DriverManager.getConnection(parsed.jdbcUrl(), props);
        this.meta = connection.getMetaData();
        this.catalog = parsed.dialect() == Dialect.MYSQL ? connection.getCatalog() : null;
        this.schema = parsed.dialect() == Dialect.POSTGRES ? connection.getSchema() : null;
    }

    Connection connection() {
        return connection;
    }

    Set<String> tables() throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("sqlite_")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    Map<String, DbColumn> columns(String table) throws SQLException {
        Map<String, DbColumn> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), new DbColumn(
                        rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT), "YES".equals(rs.getString("IS_NULLABLE"))));
            }
        }
        return columns;
    }

    /** {@code "column -> parent ON DELETE rule"} for each foreign key of {@code table}. */
    Set<String> foreignKeys(String table) throws SQLException {
        Set<String> keys = new TreeSet<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String rule = switch (rs.getShort("DELETE_RULE")) {
                    case DatabaseMetaData.importedKeyCascade -> "CASCADE";
                    case DatabaseMetaData.importedKeySetNull -> "SET_NULL";
                    default -> "OTHER(" + rs.getShort("DELETE_RULE") + ")";
                };
                keys.add(rs.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT) + " -> "
                        + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + " " + rule);
            }
        }
        return keys;
    }

    /** Unique indexes other than the primary key: index name → its columns in order. */
    Map<String, List<String>> uniqueIndexes(String table) throws SQLException {
        Map<String, TreeMap<Integer, String>> byName = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, true, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null || rs.getBoolean("NON_UNIQUE")) {
                    continue;
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("primary") || lower.endsWith("_pkey")) {
                    continue;
                }
                byName.computeIfAbsent(lower, k -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), column.toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        byName.forEach((name, cols) -> out.put(name, new ArrayList<>(cols.values())));
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
