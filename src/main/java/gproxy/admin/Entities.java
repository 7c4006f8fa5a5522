package gproxy.admin;

import static gproxy.admin.Checks.aliasProvider;
import static gproxy.admin.Checks.channel;
import static gproxy.admin.Checks.immutable;
import static gproxy.admin.Checks.jsonArray;
import static gproxy.admin.Checks.jsonObject;
import static gproxy.admin.Checks.membership;
import static gproxy.admin.Checks.name;
import static gproxy.admin.Checks.nonNegative;
import static gproxy.admin.Checks.oneOf;
import static gproxy.admin.Checks.regex;
import static gproxy.admin.Checks.reserved;
import static gproxy.admin.Checks.scope;
import static gproxy.admin.Validator.all;

import gproxy.rules.RuleCompiler;
import gproxy.security.SecretBox;
import gproxy.store.Schema;

/** The admin collections and the rules each one's records follow beyond column types. */
final class Entities {
    /** First path segments of the gateway and ops surfaces: a provider with such a name would shadow them. */
    static final String[] RESERVED_PROVIDER_NAMES = {
        "v1", "v1beta", "console", "admin", "user", "healthz", "readyz", "metrics", "version"};

    final Entity orgs = Entity.top("orgs", Schema.ORGS, name("name"));
    final Entity teams = Entity.nested("teams", Schema.TEAMS, Schema.ORGS, "org_id", name("name"));
    final Entity users;
    final Entity userKeys;
    final Entity providers = Entity.top("providers", Schema.PROVIDERS, all(
            name("name"), reserved("name", RESERVED_PROVIDER_NAMES), channel(), immutable("channel"),
            oneOf("credential_strategy", "round_robin", "sticky"), jsonObject("settings_json"),
            ProviderSettingsCheck.settings())).shaped(new ProviderShape());
    final Entity credentials;
    final Entity providerModels = Entity.nested("provider-models", Schema.PROVIDER_MODELS, Schema.PROVIDERS,
            "provider_id", all(nonNegative("context_window", "max_input_tokens", "max_output_tokens")));
    final Entity routingRules = Entity.nested("routing-rules", Schema.ROUTING_RULES, Schema.PROVIDERS,
            "provider_id", RoutingRuleChecks.rule());
    final Entity providerRuleSets = Entity.nested("provider-rule-sets", Schema.PROVIDER_RULE_SETS,
            Schema.PROVIDERS, "provider_id", Validator.NONE);
    final Entity routes = Entity.top("routes", Schema.ROUTES, all(
            name("name"), oneOf("strategy", "failover", "round_robin", "weighted", "least_latency"),
            jsonObject("settings_json")));
    final Entity routeMembers = Entity.nested("route-members", Schema.ROUTE_MEMBERS, Schema.ROUTES, "route_id",
            nonNegative("weight", "tier"));
    final Entity aliases = Entity.top("aliases", Schema.ALIASES, all(regex("alias"), aliasProvider()));
    final Entity priceRules = Entity.top("price-rules", Schema.PRICE_RULES, all(
            oneOf("match_type", "exact", "contains"), jsonArray("pricing_tiers_json")));
    final Entity ruleSets = Entity.top("rule-sets", Schema.RULE_SETS, name("name"));
    final Entity rules = Entity.nested("rules", Schema.RULES, Schema.RULE_SETS, "rule_set_id", all(
            oneOf("kind", "system_text", "cache_breakpoint", "rewrite", "transform", "header"),
            jsonObject("config_json"), (row, existing, tx) -> RuleCompiler.compile(row)));
    final Entity routePermissions = Entity.top("route-permissions", Schema.ROUTE_PERMISSIONS, scope());
    final Entity rateLimits = Entity.top("rate-limits", Schema.RATE_LIMITS, all(
            scope(), nonNegative("rpm", "rpd", "total_tokens")));
    final Entity quotas = Entity.top("quotas", Schema.QUOTAS, scope());

    Entities(SecretBox secretBox) {
        users = Entity.top("users", Schema.USERS, all(name("name"), membership())).shaped(new UserShape());
        userKeys = Entity.nested("user-keys", Schema.USER_KEYS, Schema.USERS, "user_id", Validator.NONE)
                .shaped(new UserKeyShape(secretBox));
        credentials = Entity.nested("credentials", Schema.CREDENTIALS, Schema.PROVIDERS, "provider_id",
                nonNegative("weight", "rpm_limit", "tpm_limit")).shaped(new CredentialShape(secretBox));
    }
}
