package gproxy.store;

import static gproxy.store.Column.Type.BLOB;
import static gproxy.store.Column.Type.BOOL;
import static gproxy.store.Column.Type.JSON;
import static gproxy.store.Column.Type.LONG;
import static gproxy.store.Column.Type.LONGTEXT;
import static gproxy.store.Column.Type.MONEY;
import static gproxy.store.Column.Type.REF;
import static gproxy.store.Column.Type.TEXT;
import static gproxy.store.Column.Type.TIME;

import java.util.List;
import java.util.Optional;

/**
 * The v2 tables (reference §2.2) as the store sees them. The per-dialect migrations under
 * {@code src/main/resources/db/} must create exactly these columns; the contract suite checks it.
 * Money columns are integer nano-dollars. Dimension columns of {@code usage_rollups} are NOT NULL
 * with sentinel defaults (0, '') so one plain unique key works on every dialect.
 */
public final class Schema {
    public static final Table PROVIDERS = Table.builder("providers")
            .required("name", TEXT).required("channel", TEXT).optional("label", TEXT)
            .defaulted("settings_json", JSON, "{}").defaulted("credential_strategy", TEXT, "round_robin")
            .optional("proxy_url", TEXT).optional("tls_fingerprint", TEXT).defaulted("enabled", BOOL, true)
            .unique("name").build();

    public static final Table CREDENTIALS = Table.builder("credentials")
            .required("provider_id", REF).optional("name", TEXT).defaulted("kind", TEXT, "api_key")
            .optional("secret_json", LONGTEXT).defaulted("weight", LONG, 100L).optional("rpm_limit", LONG)
            .optional("tpm_limit", LONG).optional("proxy_url", TEXT).optional("tls_fingerprint", TEXT)
            .defaulted("enabled", BOOL, true).build();

    public static final Table CREDENTIAL_STATUSES = Table.builder("credential_statuses")
            .required("credential_id", REF).required("channel", TEXT).defaulted("health_kind", TEXT, "healthy")
            .optional("health_json", JSON).optional("checked_at", TIME).optional("last_error", LONGTEXT)
            .unique("credential_id", "channel").build();

    public static final Table CREDENTIAL_MODEL_STATUSES = Table.builder("credential_model_statuses")
            .required("credential_id", REF).required("channel", TEXT).required("model_id", TEXT)
            .defaulted("health_kind", TEXT, "healthy").optional("health_json", JSON).optional("checked_at", TIME)
            .optional("last_error", LONGTEXT).unique("credential_id", "channel", "model_id").build();

    public static final Table PROVIDER_MODELS = Table.builder("provider_models")
            .required("provider_id", REF).required("model_id", TEXT).optional("display_name", TEXT)
            .optional("variants_json", JSON).defaulted("enabled", BOOL, true).optional("context_window", LONG)
            .optional("max_input_tokens", LONG).optional("max_output_tokens", LONG)
            .optional("thinking_supported", BOOL).optional("thinking_adaptive_supported", BOOL)
            .optional("thinking_enabled_supported", BOOL).unique("provider_id", "model_id").build();

    public static final Table PRICE_RULES = Table.builder("price_rules")
            .optional("provider_id", REF).defaulted("match_type", TEXT, "exact").required("model_match", TEXT)
            .defaulted("input_price", MONEY, 0L).defaulted("output_price", MONEY, 0L)
            .defaulted("cache_read_price", MONEY, 0L).defaulted("cache_creation_5m_price", MONEY, 0L)
            .defaulted("cache_creation_30m_price", MONEY, 0L).defaulted("cache_creation_1h_price", MONEY, 0L)
            .defaulted("image_output_price", MONEY, 0L).optional("pricing_tiers_json", JSON)
            .defaulted("enabled", BOOL, true).build();

    public static final Table ROUTES = Table.builder("routes")
            .required("name", TEXT).defaulted("strategy", TEXT, "failover").defaulted("enabled", BOOL, true)
            .optional("description", LONGTEXT).optional("settings_json", JSON).unique("name").build();

    public static final Table ROUTE_MEMBERS = Table.builder("route_members")
            .required("route_id", REF).required("provider_id", REF).required("upstream_model_id", TEXT)
            .defaulted("weight", LONG, 100L).defaulted("tier", LONG, 0L).defaulted("enabled", BOOL, true).build();

    public static final Table ALIASES = Table.builder("aliases")
            .defaulted("provider", TEXT, "*").required("alias", TEXT).required("target", TEXT)
            .defaulted("sort_order", LONG, 0L).defaulted("enabled", BOOL, true).unique("provider", "alias").build();

    public static final Table ROUTING_RULES = Table.builder("routing_rules")
            .required("provider_id", REF).required("operation", TEXT).required("kind", TEXT)
            .required("implementation", TEXT).optional("dest_operation", TEXT).optional("dest_kind", TEXT)
            .defaulted("sort_order", LONG, 0L).defaulted("enabled", BOOL, true)
            .unique("provider_id", "operation", "kind").build();

    public static final Table RULE_SETS = Table.builder("rule_sets")
            .required("name", TEXT).defaulted("enabled", BOOL, true).optional("description", LONGTEXT)
            .unique("name").build();

    public static final Table RULES = Table.builder("rules")
            .required("rule_set_id", REF).required("kind", TEXT).defaulted("config_json", JSON, "{}")
            .optional("filter_model_pattern", TEXT).optional("filter_operation_keys", TEXT)
            .optional("filter_header_pattern", TEXT).defaulted("sort_order", LONG, 0L)
            .defaulted("enabled", BOOL, true).build();

    public static final Table PROVIDER_RULE_SETS = Table.builder("provider_rule_sets")
            .required("provider_id", REF).required("rule_set_id", REF).defaulted("sort_order", LONG, 0L)
            .defaulted("enabled", BOOL, true).unique("provider_id", "rule_set_id").build();

    public static final Table ORGS = Table.builder("orgs")
            .required("name", TEXT).defaulted("enabled", BOOL, true).optional("description", LONGTEXT)
            .unique("name").build();

    public static final Table TEAMS = Table.builder("teams")
            .required("org_id", REF).required("name", TEXT).defaulted("enabled", BOOL, true)
            .unique("org_id", "name").build();

    public static final Table USERS = Table.builder("users")
            .required("name", TEXT).optional("org_id", REF).optional("team_id", REF).optional("password", TEXT)
            .defaulted("enabled", BOOL, true).defaulted("is_admin", BOOL, false).unique("name").build();

    public static final Table USER_KEYS = Table.builder("user_keys")
            .required("user_id", REF).optional("api_key_ciphertext", LONGTEXT).required("api_key_digest", TEXT)
            .defaulted("api_key_digest_version", LONG, 1L).optional("label", TEXT).defaulted("enabled", BOOL, true)
            .unique("api_key_digest").build();

    public static final Table ROUTE_PERMISSIONS = Table.builder("route_permissions")
            .required("scope", TEXT).required("scope_id", REF).required("route_pattern", TEXT).build();

    public static final Table RATE_LIMITS = Table.builder("rate_limits")
            .required("scope", TEXT).required("scope_id", REF).defaulted("route_pattern", TEXT, "*")
            .optional("rpm", LONG).optional("rpd", LONG).optional("total_tokens", LONG).build();

    public static final Table QUOTAS = Table.builder("quotas")
            .required("scope", TEXT).required("scope_id", REF)
            .optional("quota_total", MONEY).optional("quota_daily", MONEY).optional("quota_weekly", MONEY)
            .optional("quota_monthly", MONEY).optional("quota_5h", MONEY).optional("quota_7d", MONEY)
            .defaulted("cost_used", MONEY, 0L)
            .defaulted("day_used", MONEY, 0L).optional("day_anchor", LONG)
            .defaulted("week_used", MONEY, 0L).optional("week_anchor", LONG)
            .defaulted("month_used", MONEY, 0L).optional("month_anchor", LONG)
            .defaulted("five_hour_used", MONEY, 0L).optional("five_hour_anchor", LONG)
            .defaulted("seven_day_used", MONEY, 0L).optional("seven_day_anchor", LONG)
            .unique("scope", "scope_id").build();

    public static final Table USAGES = Table.builder("usages")
            .required("request_id", TEXT).required("at", TIME).optional("route_name", TEXT)
            .optional("provider_id", REF).optional("credential_id", REF).optional("org_id", REF)
            .optional("team_id", REF).optional("user_id", REF).optional("user_key_id", REF)
            .optional("thread_id", TEXT).optional("operation", TEXT).optional("kind", TEXT).optional("model", TEXT)
            .defaulted("input_tokens", LONG, 0L).defaulted("output_tokens", LONG, 0L)
            .defaulted("image_output_tokens", LONG, 0L).defaulted("cache_read_tokens", LONG, 0L)
            .defaulted("cache_creation_5m_tokens", LONG, 0L).defaulted("cache_creation_30m_tokens", LONG, 0L)
            .defaulted("cache_creation_1h_tokens", LONG, 0L).optional("metrics_json", JSON)
            .defaulted("cost", MONEY, 0L).defaulted("latency_ms", LONG, 0L)
            .defaulted("usage_source", TEXT, "upstream").defaulted("ended", TEXT, "complete")
            .unique("request_id").build();

    /**
     * One row per request about to call an upstream (DESIGN §4.1): written before the call, removed with
     * the writing of its usage row. Ids are plain LONGs, not references: an intent outlives deletions.
     */
    public static final Table USAGE_INTENTS = Table.builder("usage_intents")
            .required("request_id", TEXT).required("instance_id", LONG).required("at", TIME)
            .optional("user_id", LONG).optional("user_key_id", LONG).optional("org_id", LONG)
            .optional("team_id", LONG).optional("provider_id", LONG).optional("credential_id", LONG)
            .optional("route_name", TEXT).optional("operation", TEXT).optional("kind", TEXT)
            .optional("model", TEXT).defaulted("estimated_input_tokens", LONG, 0L)
            .defaulted("estimate_nanos", MONEY, 0L).optional("pending_quota", TEXT)
            .optional("quota_charged", MONEY).unique("request_id").build();

    public static final Table USAGE_ROLLUPS = Table.builder("usage_rollups")
            .required("granularity", TEXT).required("bucket_start", TIME)
            .defaulted("provider_id", REF, 0L).defaulted("org_id", REF, 0L).defaulted("team_id", REF, 0L)
            .defaulted("user_id", REF, 0L).defaulted("route_name", TEXT, "").defaulted("model", TEXT, "")
            .defaulted("requests", LONG, 0L).defaulted("input_tokens", LONG, 0L).defaulted("output_tokens", LONG, 0L)
            .defaulted("cache_write_tokens", LONG, 0L).defaulted("cache_read_tokens", LONG, 0L)
            .defaulted("image_output_tokens", LONG, 0L).defaulted("cost", MONEY, 0L)
            .unique("granularity", "bucket_start", "provider_id", "org_id", "team_id", "user_id", "route_name", "model")
            .build();

    /**
     * Per-credential daily usage (reference §2.2, v2 migration 23; here V4): accumulated at settlement like
     * the rollups, kept by usage purges. Ids are plain numbers: the history outlives the credential.
     */
    public static final Table CREDENTIAL_USAGE_DAILY = Table.builder("credential_usage_daily")
            .required("day_start", TIME).required("credential_id", LONG).defaulted("provider_id", LONG, 0L)
            .defaulted("model", TEXT, "").defaulted("requests", LONG, 0L).defaulted("input_tokens", LONG, 0L)
            .defaulted("output_tokens", LONG, 0L).defaulted("cache_write_tokens", LONG, 0L)
            .defaulted("cache_read_tokens", LONG, 0L).defaulted("image_output_tokens", LONG, 0L)
            .defaulted("cost", MONEY, 0L).unique("day_start", "credential_id", "model").build();

    public static final Table DOWNSTREAM_REQUESTS = Table.builder("downstream_requests")
            .required("request_id", TEXT).required("at", TIME).required("method", TEXT).required("path", LONGTEXT)
            .optional("query", LONGTEXT).optional("status", LONG).optional("headers_json", JSON)
            .optional("body", LONGTEXT).optional("response_body", LONGTEXT)
            // V3: who called what, how it ended, how long it took (ids are plain: logs outlive deletions)
            .optional("user_id", LONG).optional("user_key_id", LONG).optional("provider_id", LONG)
            .optional("route_name", TEXT).optional("model", TEXT).optional("error_code", TEXT)
            .optional("latency_ms", LONG).optional("client_ip", TEXT).build();

    public static final Table UPSTREAM_REQUESTS = Table.builder("upstream_requests")
            .required("request_id", TEXT).required("at", TIME).optional("provider_id", REF)
            .optional("credential_id", REF).optional("url", LONGTEXT).optional("method", TEXT)
            .optional("status", LONG).optional("latency_ms", LONG).optional("headers_json", JSON)
            .optional("body", LONGTEXT).optional("response_body", LONGTEXT)
            // V3: the attempt's place in the failover and what the attempt loop made of its answer
            .optional("attempt", LONG).optional("model", TEXT).optional("disposition", TEXT)
            .optional("error", LONGTEXT).build();

    public static final Table AUDIT_LOGS = Table.builder("audit_logs")
            .required("at", TIME).optional("actor_id", REF).optional("actor_name", TEXT).required("action", TEXT)
            .required("target", LONGTEXT).required("status", LONG).optional("source_ip", TEXT).build();

    public static final Table INSTANCE_SETTINGS = Table.builder("instance_settings")
            .defaulted("instance_name", TEXT, "default").optional("proxy", TEXT)
            .defaulted("spoof_emulation", BOOL, false).defaulted("enable_usage", BOOL, true)
            .defaulted("enable_upstream_log", BOOL, false).defaulted("enable_upstream_log_body", BOOL, false)
            .defaulted("enable_downstream_log", BOOL, false).defaulted("enable_downstream_log_body", BOOL, false)
            .defaulted("disable_log_redaction", BOOL, false).defaulted("enable_tokenizer_download", BOOL, false)
            .optional("update_channel", TEXT).defaulted("enable_auto_update_check", BOOL, false)
            .optional("retention_days", LONG).optional("max_database_size_mb", LONG)
            .defaulted("file_upload_max_in_flight", LONG, 0L).optional("request_blacklist", JSON)
            .unique("instance_name").build();

    public static final Table TOKENIZER_VOCABS = Table.builder("tokenizer_vocabs")
            .required("name", TEXT).required("bytes", BLOB).unique("name").build();

    /** Every table, parents before children (the order of import, the reverse of deletion). */
    public static final List<Table> ALL = List.of(
            ORGS, TEAMS, USERS, USER_KEYS, ROUTE_PERMISSIONS, RATE_LIMITS, QUOTAS,
            PROVIDERS, CREDENTIALS, CREDENTIAL_STATUSES, CREDENTIAL_MODEL_STATUSES, PROVIDER_MODELS,
            PRICE_RULES, ROUTES, ROUTE_MEMBERS, ALIASES, ROUTING_RULES, RULE_SETS, RULES, PROVIDER_RULE_SETS,
            USAGES, USAGE_INTENTS, USAGE_ROLLUPS, CREDENTIAL_USAGE_DAILY, DOWNSTREAM_REQUESTS, UPSTREAM_REQUESTS, AUDIT_LOGS,
            INSTANCE_SETTINGS, TOKENIZER_VOCABS);

    private Schema() {
    }

    public static Optional<Table> table(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
