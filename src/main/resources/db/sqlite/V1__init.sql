-- V1: the v2 tables of gproxy.store.Schema for sqlite, with the store's own config revision.
-- Every table has a generated id and created_at/updated_at (Unix seconds) set by the store.
-- Constraint names matter: uq_<table>_<n> is the n-th unique key of Table.uniques() (the store maps
-- a violation back to its columns by name), fk_<table>_<column> follows References.

CREATE TABLE orgs (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    description                 TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_orgs_1 UNIQUE (name)
);

CREATE TABLE teams (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id                      INTEGER NOT NULL,
    name                        TEXT NOT NULL,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_teams_1 UNIQUE (org_id, name),
    CONSTRAINT fk_teams_org_id FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
);

CREATE TABLE users (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    org_id                      INTEGER,
    team_id                     INTEGER,
    password                    TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    is_admin                    INTEGER NOT NULL DEFAULT 0,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_users_1 UNIQUE (name),
    CONSTRAINT fk_users_org_id FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE SET NULL,
    CONSTRAINT fk_users_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
);
CREATE INDEX ix_users_org_id ON users (org_id);
CREATE INDEX ix_users_team_id ON users (team_id);

CREATE TABLE user_keys (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id                     INTEGER NOT NULL,
    api_key_ciphertext          TEXT,
    api_key_digest              TEXT NOT NULL,
    api_key_digest_version      INTEGER NOT NULL DEFAULT 1,
    label                       TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_user_keys_1 UNIQUE (api_key_digest),
    CONSTRAINT fk_user_keys_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_user_keys_user_id ON user_keys (user_id);

CREATE TABLE route_permissions (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    scope                       TEXT NOT NULL,
    scope_id                    INTEGER NOT NULL,
    route_pattern               TEXT NOT NULL,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);
CREATE INDEX ix_route_permissions_scope_scope_id ON route_permissions (scope, scope_id);

CREATE TABLE rate_limits (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    scope                       TEXT NOT NULL,
    scope_id                    INTEGER NOT NULL,
    route_pattern               TEXT NOT NULL DEFAULT '*',
    rpm                         INTEGER,
    rpd                         INTEGER,
    total_tokens                INTEGER,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);
CREATE INDEX ix_rate_limits_scope_scope_id ON rate_limits (scope, scope_id);

CREATE TABLE quotas (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    scope                       TEXT NOT NULL,
    scope_id                    INTEGER NOT NULL,
    quota_total                 INTEGER,
    quota_daily                 INTEGER,
    quota_weekly                INTEGER,
    quota_monthly               INTEGER,
    quota_5h                    INTEGER,
    quota_7d                    INTEGER,
    cost_used                   INTEGER NOT NULL DEFAULT 0,
    day_used                    INTEGER NOT NULL DEFAULT 0,
    day_anchor                  INTEGER,
    week_used                   INTEGER NOT NULL DEFAULT 0,
    week_anchor                 INTEGER,
    month_used                  INTEGER NOT NULL DEFAULT 0,
    month_anchor                INTEGER,
    five_hour_used              INTEGER NOT NULL DEFAULT 0,
    five_hour_anchor            INTEGER,
    seven_day_used              INTEGER NOT NULL DEFAULT 0,
    seven_day_anchor            INTEGER,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_quotas_1 UNIQUE (scope, scope_id)
);

CREATE TABLE providers (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    channel                     TEXT NOT NULL,
    label                       TEXT,
    settings_json               TEXT NOT NULL DEFAULT '{}',
    credential_strategy         TEXT NOT NULL DEFAULT 'round_robin',
    proxy_url                   TEXT,
    tls_fingerprint             TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_providers_1 UNIQUE (name)
);

CREATE TABLE credentials (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id                 INTEGER NOT NULL,
    name                        TEXT,
    kind                        TEXT NOT NULL DEFAULT 'api_key',
    secret_json                 TEXT,
    weight                      INTEGER NOT NULL DEFAULT 100,
    rpm_limit                   INTEGER,
    tpm_limit                   INTEGER,
    proxy_url                   TEXT,
    tls_fingerprint             TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT fk_credentials_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
);
CREATE INDEX ix_credentials_provider_id ON credentials (provider_id);

CREATE TABLE credential_statuses (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    credential_id               INTEGER NOT NULL,
    channel                     TEXT NOT NULL,
    health_kind                 TEXT NOT NULL DEFAULT 'healthy',
    health_json                 TEXT,
    checked_at                  INTEGER,
    last_error                  TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_credential_statuses_1 UNIQUE (credential_id, channel),
    CONSTRAINT fk_credential_statuses_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE CASCADE
);

CREATE TABLE credential_model_statuses (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    credential_id               INTEGER NOT NULL,
    channel                     TEXT NOT NULL,
    model_id                    TEXT NOT NULL,
    health_kind                 TEXT NOT NULL DEFAULT 'healthy',
    health_json                 TEXT,
    checked_at                  INTEGER,
    last_error                  TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_credential_model_statuses_1 UNIQUE (credential_id, channel, model_id),
    CONSTRAINT fk_credential_model_statuses_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE CASCADE
);

CREATE TABLE provider_models (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id                 INTEGER NOT NULL,
    model_id                    TEXT NOT NULL,
    display_name                TEXT,
    variants_json               TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    context_window              INTEGER,
    max_input_tokens            INTEGER,
    max_output_tokens           INTEGER,
    thinking_supported          INTEGER,
    thinking_adaptive_supported INTEGER,
    thinking_enabled_supported  INTEGER,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_provider_models_1 UNIQUE (provider_id, model_id),
    CONSTRAINT fk_provider_models_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
);

CREATE TABLE price_rules (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id                 INTEGER,
    match_type                  TEXT NOT NULL DEFAULT 'exact',
    model_match                 TEXT NOT NULL,
    input_price                 INTEGER NOT NULL DEFAULT 0,
    output_price                INTEGER NOT NULL DEFAULT 0,
    cache_read_price            INTEGER NOT NULL DEFAULT 0,
    cache_creation_5m_price     INTEGER NOT NULL DEFAULT 0,
    cache_creation_30m_price    INTEGER NOT NULL DEFAULT 0,
    cache_creation_1h_price     INTEGER NOT NULL DEFAULT 0,
    image_output_price          INTEGER NOT NULL DEFAULT 0,
    pricing_tiers_json          TEXT,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT fk_price_rules_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
);
CREATE INDEX ix_price_rules_provider_id ON price_rules (provider_id);

CREATE TABLE routes (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    strategy                    TEXT NOT NULL DEFAULT 'failover',
    enabled                     INTEGER NOT NULL DEFAULT 1,
    description                 TEXT,
    settings_json               TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_routes_1 UNIQUE (name)
);

CREATE TABLE route_members (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    route_id                    INTEGER NOT NULL,
    provider_id                 INTEGER NOT NULL,
    upstream_model_id           TEXT NOT NULL,
    weight                      INTEGER NOT NULL DEFAULT 100,
    tier                        INTEGER NOT NULL DEFAULT 0,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT fk_route_members_route_id FOREIGN KEY (route_id) REFERENCES routes (id) ON DELETE CASCADE,
    CONSTRAINT fk_route_members_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
);
CREATE INDEX ix_route_members_route_id ON route_members (route_id);
CREATE INDEX ix_route_members_provider_id ON route_members (provider_id);

CREATE TABLE aliases (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider                    TEXT NOT NULL DEFAULT '*',
    alias                       TEXT NOT NULL,
    target                      TEXT NOT NULL,
    sort_order                  INTEGER NOT NULL DEFAULT 0,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_aliases_1 UNIQUE (provider, alias)
);

CREATE TABLE routing_rules (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id                 INTEGER NOT NULL,
    operation                   TEXT NOT NULL,
    kind                        TEXT NOT NULL,
    implementation              TEXT NOT NULL,
    dest_operation              TEXT,
    dest_kind                   TEXT,
    sort_order                  INTEGER NOT NULL DEFAULT 0,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_routing_rules_1 UNIQUE (provider_id, operation, kind),
    CONSTRAINT fk_routing_rules_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
);

CREATE TABLE rule_sets (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    description                 TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_rule_sets_1 UNIQUE (name)
);

CREATE TABLE rules (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_set_id                 INTEGER NOT NULL,
    kind                        TEXT NOT NULL,
    config_json                 TEXT NOT NULL DEFAULT '{}',
    filter_model_pattern        TEXT,
    filter_operation_keys       TEXT,
    filter_header_pattern       TEXT,
    sort_order                  INTEGER NOT NULL DEFAULT 0,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT fk_rules_rule_set_id FOREIGN KEY (rule_set_id) REFERENCES rule_sets (id) ON DELETE CASCADE
);
CREATE INDEX ix_rules_rule_set_id ON rules (rule_set_id);

CREATE TABLE provider_rule_sets (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id                 INTEGER NOT NULL,
    rule_set_id                 INTEGER NOT NULL,
    sort_order                  INTEGER NOT NULL DEFAULT 0,
    enabled                     INTEGER NOT NULL DEFAULT 1,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_provider_rule_sets_1 UNIQUE (provider_id, rule_set_id),
    CONSTRAINT fk_provider_rule_sets_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE,
    CONSTRAINT fk_provider_rule_sets_rule_set_id FOREIGN KEY (rule_set_id) REFERENCES rule_sets (id) ON DELETE CASCADE
);
CREATE INDEX ix_provider_rule_sets_rule_set_id ON provider_rule_sets (rule_set_id);

CREATE TABLE usages (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id                  TEXT NOT NULL,
    at                          INTEGER NOT NULL,
    route_name                  TEXT,
    provider_id                 INTEGER,
    credential_id               INTEGER,
    org_id                      INTEGER,
    team_id                     INTEGER,
    user_id                     INTEGER,
    user_key_id                 INTEGER,
    thread_id                   TEXT,
    operation                   TEXT,
    kind                        TEXT,
    model                       TEXT,
    input_tokens                INTEGER NOT NULL DEFAULT 0,
    output_tokens               INTEGER NOT NULL DEFAULT 0,
    image_output_tokens         INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens           INTEGER NOT NULL DEFAULT 0,
    cache_creation_5m_tokens    INTEGER NOT NULL DEFAULT 0,
    cache_creation_30m_tokens   INTEGER NOT NULL DEFAULT 0,
    cache_creation_1h_tokens    INTEGER NOT NULL DEFAULT 0,
    metrics_json                TEXT,
    cost                        INTEGER NOT NULL DEFAULT 0,
    latency_ms                  INTEGER NOT NULL DEFAULT 0,
    usage_source                TEXT NOT NULL DEFAULT 'upstream',
    ended                       TEXT NOT NULL DEFAULT 'complete',
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_usages_1 UNIQUE (request_id)
);
CREATE INDEX ix_usages_at ON usages (at);
CREATE INDEX ix_usages_user_id_at ON usages (user_id, at);

CREATE TABLE usage_rollups (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    granularity                 TEXT NOT NULL,
    bucket_start                INTEGER NOT NULL,
    provider_id                 INTEGER NOT NULL DEFAULT 0,
    org_id                      INTEGER NOT NULL DEFAULT 0,
    team_id                     INTEGER NOT NULL DEFAULT 0,
    user_id                     INTEGER NOT NULL DEFAULT 0,
    route_name                  TEXT NOT NULL DEFAULT '',
    model                       TEXT NOT NULL DEFAULT '',
    requests                    INTEGER NOT NULL DEFAULT 0,
    input_tokens                INTEGER NOT NULL DEFAULT 0,
    output_tokens               INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens          INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens           INTEGER NOT NULL DEFAULT 0,
    image_output_tokens         INTEGER NOT NULL DEFAULT 0,
    cost                        INTEGER NOT NULL DEFAULT 0,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_usage_rollups_1 UNIQUE (granularity, bucket_start, provider_id, org_id, team_id, user_id, route_name, model)
);

CREATE TABLE downstream_requests (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id                  TEXT NOT NULL,
    at                          INTEGER NOT NULL,
    method                      TEXT NOT NULL,
    path                        TEXT NOT NULL,
    query                       TEXT,
    status                      INTEGER,
    headers_json                TEXT,
    body                        TEXT,
    response_body               TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);
CREATE INDEX ix_downstream_requests_request_id ON downstream_requests (request_id);
CREATE INDEX ix_downstream_requests_at ON downstream_requests (at);

CREATE TABLE upstream_requests (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id                  TEXT NOT NULL,
    at                          INTEGER NOT NULL,
    provider_id                 INTEGER,
    credential_id               INTEGER,
    url                         TEXT,
    method                      TEXT,
    status                      INTEGER,
    latency_ms                  INTEGER,
    headers_json                TEXT,
    body                        TEXT,
    response_body               TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);
CREATE INDEX ix_upstream_requests_request_id ON upstream_requests (request_id);
CREATE INDEX ix_upstream_requests_at ON upstream_requests (at);

CREATE TABLE audit_logs (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    at                          INTEGER NOT NULL,
    actor_id                    INTEGER,
    actor_name                  TEXT,
    action                      TEXT NOT NULL,
    target                      TEXT NOT NULL,
    status                      INTEGER NOT NULL,
    source_ip                   TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL
);
CREATE INDEX ix_audit_logs_at ON audit_logs (at);

CREATE TABLE instance_settings (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_name               TEXT NOT NULL DEFAULT 'default',
    proxy                       TEXT,
    spoof_emulation             INTEGER NOT NULL DEFAULT 0,
    enable_usage                INTEGER NOT NULL DEFAULT 1,
    enable_upstream_log         INTEGER NOT NULL DEFAULT 0,
    enable_upstream_log_body    INTEGER NOT NULL DEFAULT 0,
    enable_downstream_log       INTEGER NOT NULL DEFAULT 0,
    enable_downstream_log_body  INTEGER NOT NULL DEFAULT 0,
    disable_log_redaction       INTEGER NOT NULL DEFAULT 0,
    enable_tokenizer_download   INTEGER NOT NULL DEFAULT 0,
    update_channel              TEXT,
    enable_auto_update_check    INTEGER NOT NULL DEFAULT 0,
    retention_days              INTEGER,
    max_database_size_mb        INTEGER,
    file_upload_max_in_flight   INTEGER NOT NULL DEFAULT 0,
    request_blacklist           TEXT,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_instance_settings_1 UNIQUE (instance_name)
);

CREATE TABLE tokenizer_vocabs (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    name                        TEXT NOT NULL,
    bytes                       BLOB NOT NULL,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_tokenizer_vocabs_1 UNIQUE (name)
);

-- The durable config revision: one row, bumped once by every committed control-plane write.
CREATE TABLE config_revision (
    id       INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO config_revision (id, revision) VALUES (1, 0);
