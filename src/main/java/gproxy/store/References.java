package gproxy.store;

import java.util.List;
import java.util.Map;

/**
 * The reference columns the migrations declare as foreign keys, and what deleting the parent does
 * to the child. A child that belongs to its parent is deleted with it; a user outlives its org and
 * team (both are optional memberships). Usage and log rows carry ids without foreign keys on
 * purpose: history must survive the deletion of what it mentions.
 *
 * <p>{@code scope_id} of permissions, rate limits and quotas points at an org, team or user chosen
 * by {@code scope}, which no foreign key can express; {@link #SCOPES} lets the store delete those
 * dependants itself.
 */
final class References {
    enum OnDelete { CASCADE, SET_NULL }

    record Reference(Table child, String column, Table parent, OnDelete onDelete) {
    }

    static final List<Reference> ALL = List.of(
            new Reference(Schema.TEAMS, "org_id", Schema.ORGS, OnDelete.CASCADE),
            new Reference(Schema.USERS, "org_id", Schema.ORGS, OnDelete.SET_NULL),
            new Reference(Schema.USERS, "team_id", Schema.TEAMS, OnDelete.SET_NULL),
            new Reference(Schema.USER_KEYS, "user_id", Schema.USERS, OnDelete.CASCADE),
            new Reference(Schema.CREDENTIALS, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            new Reference(Schema.CREDENTIAL_STATUSES, "credential_id", Schema.CREDENTIALS, OnDelete.CASCADE),
            new Reference(Schema.CREDENTIAL_MODEL_STATUSES, "credential_id", Schema.CREDENTIALS, OnDelete.CASCADE),
            new Reference(Schema.PROVIDER_MODELS, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            // A provider's own price rule must not turn global (NULL provider) when the provider goes.
            new Reference(Schema.PRICE_RULES, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            new Reference(Schema.ROUTE_MEMBERS, "route_id", Schema.ROUTES, OnDelete.CASCADE),
            new Reference(Schema.ROUTE_MEMBERS, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            new Reference(Schema.ROUTING_RULES, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            new Reference(Schema.RULES, "rule_set_id", Schema.RULE_SETS, OnDelete.CASCADE),
            new Reference(Schema.PROVIDER_RULE_SETS, "provider_id", Schema.PROVIDERS, OnDelete.CASCADE),
            new Reference(Schema.PROVIDER_RULE_SETS, "rule_set_id", Schema.RULE_SETS, OnDelete.CASCADE));

    /** The {@code scope} value that names each scoped parent. */
    static final Map<Table, String> SCOPES = Map.of(Schema.ORGS, "org", Schema.TEAMS, "team", Schema.USERS, "user");

    /** Tables whose rows hang off an org, team or user by {@code scope}/{@code scope_id}. */
    static final List<Table> SCOPED = List.of(Schema.ROUTE_PERMISSIONS, Schema.RATE_LIMITS, Schema.QUOTAS);

    private References() {
    }

    static List<Reference> of(Table child) {
        return ALL.stream().filter(r -> r.child().equals(child)).toList();
    }
}
