package gproxy.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.store.Schema;
import gproxy.store.Table;

/**
 * The shape of a v2 JSON bundle (reference §6.3): {@code schema_version: 1} and one array per
 * control-plane table, named after the table, in import order (parents before children). Records
 * reference each other by raw ids, so ids are pinned on import. Usage, log and status tables are not
 * part of a bundle.
 */
final class BundleFormat {
    static final int SCHEMA_VERSION = 1;
    static final String VERSION_FIELD = "schema_version";

    static final List<Table> ARRAYS = List.of(
            Schema.ORGS, Schema.TEAMS, Schema.USERS, Schema.USER_KEYS, Schema.ROUTE_PERMISSIONS,
            Schema.RATE_LIMITS, Schema.QUOTAS, Schema.PROVIDERS, Schema.CREDENTIALS, Schema.PROVIDER_MODELS,
            Schema.PRICE_RULES, Schema.ROUTES, Schema.ROUTE_MEMBERS, Schema.ALIASES, Schema.ROUTING_RULES,
            Schema.RULE_SETS, Schema.RULES, Schema.PROVIDER_RULE_SETS, Schema.INSTANCE_SETTINGS);

    /** The table each reference column points at; {@code scope_id} goes by {@link #SCOPES} instead. */
    static final Map<String, Table> PARENTS = Map.of(
            "org_id", Schema.ORGS,
            "team_id", Schema.TEAMS,
            "user_id", Schema.USERS,
            "provider_id", Schema.PROVIDERS,
            "route_id", Schema.ROUTES,
            "rule_set_id", Schema.RULE_SETS);

    /** {@code scope} values of permissions, rate limits and quotas, and the table {@code scope_id} points at. */
    static final Map<String, Table> SCOPES = Map.of(
            "org", Schema.ORGS,
            "team", Schema.TEAMS,
            "user", Schema.USERS);

    static final String SCOPE_ID = "scope_id";

    private BundleFormat() {
    }

    static Optional<Table> array(String name) {
        return ARRAYS.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static String arrayNames() {
        return String.join(", ", ARRAYS.stream().map(Table::name).toList());
    }
}
