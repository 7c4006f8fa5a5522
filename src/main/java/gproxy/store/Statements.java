package gproxy.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * SQL text for the store's statements. Identifiers come from {@link Schema} only and are checked
 * against the table before they reach SQL; every value is a bind parameter.
 */
final class Statements {
    /**
     * Tables whose writes are not configuration: they never bump the revision. Besides logs, usage
     * (and usage intents) and vocabularies, the credential status tables: health is per-instance soft state written on
     * every breaker edge, and a reload per edge would rebuild the snapshot for nothing it reads.
     */
    private static final Set<String> NOT_CONFIG = Set.of(Schema.USAGES.name(), Schema.USAGE_INTENTS.name(),
            Schema.USAGE_ROLLUPS.name(), Schema.CREDENTIAL_USAGE_DAILY.name(),
            Schema.DOWNSTREAM_REQUESTS.name(), Schema.UPSTREAM_REQUESTS.name(), Schema.AUDIT_LOGS.name(),
            Schema.TOKENIZER_VOCABS.name(), Schema.CREDENTIAL_STATUSES.name(),
            Schema.CREDENTIAL_MODEL_STATUSES.name());

    /** A WHERE clause with its bind values in order. */
    record Where(String sql, List<String> columns, List<Object> values) {
        void bind(PreparedStatement ps, Table table, int first) throws SQLException {
            for (int i = 0; i < columns.size(); i++) {
                Values.bind(ps, first + i, table, columns.get(i), values.get(i));
            }
        }
    }

    private Statements() {
    }

    static boolean isControlPlane(Table table) {
        return !NOT_CONFIG.contains(table.name());
    }

    /** Rejects row keys that are not columns of the table: they would otherwise reach SQL text. */
    static void checkColumns(Table table, Row row) {
        row.values().keySet().forEach(name -> Values.type(table, name));
    }

    static String select(SqlDialect sql, Table table) {
        return "SELECT " + Values.allColumns(table).stream().map(sql::quote).collect(Collectors.joining(", "))
                + " FROM " + sql.quote(table.name());
    }

    static Where where(SqlDialect sql, Table table, Query query) {
        StringJoiner clause = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : query.equals().entrySet()) {
            Values.type(table, e.getKey());
            clause.add(sql.quote(e.getKey()) + " = ?");
            columns.add(e.getKey());
            values.add(e.getValue());
        }
        bound(sql, table, query.atLeast(), " >= ?", clause, columns, values);
        bound(sql, table, query.below(), " < ?", clause, columns, values);
        query.beforeId().ifPresent(id -> {
            clause.add(sql.quote(Values.ID) + " < ?");
            columns.add(Values.ID);
            values.add(id);
        });
        return new Where(clause.toString(), columns, values);
    }

    private static void bound(SqlDialect sql, Table table, Map<String, Long> bounds, String operator,
                              StringJoiner clause, List<String> columns, List<Object> values) {
        for (Map.Entry<String, Long> e : bounds.entrySet()) {
            Values.type(table, e.getKey());
            clause.add(sql.quote(e.getKey()) + operator);
            columns.add(e.getKey());
            values.add(e.getValue());
        }
    }

    static String insert(SqlDialect sql, Table table, List<String> columns) {
        return "INSERT INTO " + sql.quote(table.name()) + " ("
                + columns.stream().map(sql::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /**
     * An insert that leaves an already stored unique key alone. MySQL's {@code INSERT IGNORE} would
     * also swallow type and NOT NULL errors, so it gets a no-op {@code ON DUPLICATE KEY UPDATE}.
     */
    static String insertIgnoringDuplicates(SqlDialect sql, Table table, List<String> columns) {
        String first = sql.quote(columns.getFirst());
        return insert(sql, table, columns) + (sql.dialect() == Dialect.MYSQL
                ? " ON DUPLICATE KEY UPDATE " + first + " = " + first
                : " ON CONFLICT DO NOTHING");
    }

    /** {@code UPDATE t SET a = ?, … WHERE id = ?}: the set columns are bound first, then the id. */
    static String update(SqlDialect sql, Table table, List<String> setColumns) {
        return "UPDATE " + sql.quote(table.name()) + " SET "
                + setColumns.stream().map(c -> sql.quote(c) + " = ?").collect(Collectors.joining(", "))
                + " WHERE " + sql.quote(Values.ID) + " = ?";
    }

    /**
     * Deletes of the permissions, rate limits and quotas scoped to the org, team or user about to be
     * deleted, each taking that row's id as its one parameter. An org takes its teams' scoped rows
     * along too (its teams go by cascade, which cannot see {@code scope_id}). Must run before the
     * parent's own delete.
     */
    static List<String> deleteScoped(SqlDialect sql, Table parent) {
        String scope = References.SCOPES.get(parent);
        if (scope == null) {
            return List.of();
        }
        List<String> statements = new ArrayList<>();
        for (Table scoped : References.SCOPED) {
            String prefix = "DELETE FROM " + sql.quote(scoped.name()) + " WHERE " + sql.quote("scope") + " = '";
            statements.add(prefix + scope + "' AND " + sql.quote("scope_id") + " = ?");
            if (parent.equals(Schema.ORGS)) {
                statements.add(prefix + References.SCOPES.get(Schema.TEAMS) + "' AND " + sql.quote("scope_id")
                        + " IN (SELECT " + sql.quote(Values.ID) + " FROM " + sql.quote(Schema.TEAMS.name())
                        + " WHERE " + sql.quote("org_id") + " = ?)");
            }
        }
        return statements;
    }
}
