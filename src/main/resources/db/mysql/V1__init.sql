-- V1: the v2 tables of gproxy.store.Schema for mysql, with the store's own config revision.
-- Every table has a generated id and created_at/updated_at (Unix seconds) set by the store.
-- Constraint names matter: uq_<table>_<n> is the n-th unique key of Table.uniques() (the store maps
-- a violation back to its columns by name), fk_<table>_<column> follows References.
-- MySQL DDL commits as it goes, so every statement here is safe to repeat after a partial run.
-- utf8mb4_bin makes unique keys and equality filters case-sensitive, as on the other dialects.

CREATE TABLE IF NOT EXISTS orgs (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    description                 LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_orgs_1 (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS teams (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id                      BIGINT NOT NULL,
    name                        VARCHAR(255) NOT NULL,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_teams_1 (org_id, name),
    CONSTRAINT fk_teams_org_id FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS users (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    org_id                      BIGINT,
    team_id                     BIGINT,
    password                    MEDIUMTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    is_admin                    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_users_1 (name),
    KEY ix_users_org_id (org_id),
    KEY ix_users_team_id (team_id),
    CONSTRAINT fk_users_org_id FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE SET NULL,
    CONSTRAINT fk_users_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS user_keys (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id                     BIGINT NOT NULL,
    api_key_ciphertext          LONGTEXT,
    api_key_digest              VARCHAR(255) NOT NULL,
    api_key_digest_version      BIGINT NOT NULL DEFAULT 1,
    label                       MEDIUMTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_user_keys_1 (api_key_digest),
    KEY ix_user_keys_user_id (user_id),
    CONSTRAINT fk_user_keys_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS route_permissions (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scope                       VARCHAR(255) NOT NULL,
    scope_id                    BIGINT NOT NULL,
    route_pattern               MEDIUMTEXT NOT NULL,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_route_permissions_scope_scope_id (scope, scope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rate_limits (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scope                       VARCHAR(255) NOT NULL,
    scope_id                    BIGINT NOT NULL,
    route_pattern               MEDIUMTEXT NOT NULL DEFAULT ('*'),
    rpm                         BIGINT,
    rpd                         BIGINT,
    total_tokens                BIGINT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_rate_limits_scope_scope_id (scope, scope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS quotas (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scope                       VARCHAR(255) NOT NULL,
    scope_id                    BIGINT NOT NULL,
    quota_total                 BIGINT,
    quota_daily                 BIGINT,
    quota_weekly                BIGINT,
    quota_monthly               BIGINT,
    quota_5h                    BIGINT,
    quota_7d                    BIGINT,
    cost_used                   BIGINT NOT NULL DEFAULT 0,
    day_used                    BIGINT NOT NULL DEFAULT 0,
    day_anchor                  BIGINT,
    week_used                   BIGINT NOT NULL DEFAULT 0,
    week_anchor                 BIGINT,
    month_used                  BIGINT NOT NULL DEFAULT 0,
    month_anchor                BIGINT,
    five_hour_used              BIGINT NOT NULL DEFAULT 0,
    five_hour_anchor            BIGINT,
    seven_day_used              BIGINT NOT NULL DEFAULT 0,
    seven_day_anchor            BIGINT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_quotas_1 (scope, scope_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS providers (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    channel                     MEDIUMTEXT NOT NULL,
    label                       MEDIUMTEXT,
    settings_json               LONGTEXT NOT NULL DEFAULT ('{}'),
    credential_strategy         MEDIUMTEXT NOT NULL DEFAULT ('round_robin'),
    proxy_url                   MEDIUMTEXT,
    tls_fingerprint             MEDIUMTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_providers_1 (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS credentials (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_id                 BIGINT NOT NULL,
    name                        MEDIUMTEXT,
    kind                        MEDIUMTEXT NOT NULL DEFAULT ('api_key'),
    secret_json                 LONGTEXT,
    weight                      BIGINT NOT NULL DEFAULT 100,
    rpm_limit                   BIGINT,
    tpm_limit                   BIGINT,
    proxy_url                   MEDIUMTEXT,
    tls_fingerprint             MEDIUMTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_credentials_provider_id (provider_id),
    CONSTRAINT fk_credentials_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS credential_statuses (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    credential_id               BIGINT NOT NULL,
    channel                     VARCHAR(255) NOT NULL,
    health_kind                 MEDIUMTEXT NOT NULL DEFAULT ('healthy'),
    health_json                 LONGTEXT,
    checked_at                  BIGINT,
    last_error                  LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_credential_statuses_1 (credential_id, channel),
    CONSTRAINT fk_credential_statuses_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS credential_model_statuses (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    credential_id               BIGINT NOT NULL,
    channel                     VARCHAR(255) NOT NULL,
    model_id                    VARCHAR(255) NOT NULL,
    health_kind                 MEDIUMTEXT NOT NULL DEFAULT ('healthy'),
    health_json                 LONGTEXT,
    checked_at                  BIGINT,
    last_error                  LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_credential_model_statuses_1 (credential_id, channel, model_id),
    CONSTRAINT fk_credential_model_statuses_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS provider_models (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_id                 BIGINT NOT NULL,
    model_id                    VARCHAR(255) NOT NULL,
    display_name                MEDIUMTEXT,
    variants_json               LONGTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    context_window              BIGINT,
    max_input_tokens            BIGINT,
    max_output_tokens           BIGINT,
    thinking_supported          BOOLEAN,
    thinking_adaptive_supported BOOLEAN,
    thinking_enabled_supported  BOOLEAN,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_provider_models_1 (provider_id, model_id),
    CONSTRAINT fk_provider_models_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS price_rules (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_id                 BIGINT,
    match_type                  MEDIUMTEXT NOT NULL DEFAULT ('exact'),
    model_match                 MEDIUMTEXT NOT NULL,
    input_price                 BIGINT NOT NULL DEFAULT 0,
    output_price                BIGINT NOT NULL DEFAULT 0,
    cache_read_price            BIGINT NOT NULL DEFAULT 0,
    cache_creation_5m_price     BIGINT NOT NULL DEFAULT 0,
    cache_creation_30m_price    BIGINT NOT NULL DEFAULT 0,
    cache_creation_1h_price     BIGINT NOT NULL DEFAULT 0,
    image_output_price          BIGINT NOT NULL DEFAULT 0,
    pricing_tiers_json          LONGTEXT,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_price_rules_provider_id (provider_id),
    CONSTRAINT fk_price_rules_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS routes (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    strategy                    MEDIUMTEXT NOT NULL DEFAULT ('failover'),
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    description                 LONGTEXT,
    settings_json               LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_routes_1 (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS route_members (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    route_id                    BIGINT NOT NULL,
    provider_id                 BIGINT NOT NULL,
    upstream_model_id           MEDIUMTEXT NOT NULL,
    weight                      BIGINT NOT NULL DEFAULT 100,
    tier                        BIGINT NOT NULL DEFAULT 0,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_route_members_route_id (route_id),
    KEY ix_route_members_provider_id (provider_id),
    CONSTRAINT fk_route_members_route_id FOREIGN KEY (route_id) REFERENCES routes (id) ON DELETE CASCADE,
    CONSTRAINT fk_route_members_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS aliases (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider                    VARCHAR(255) NOT NULL DEFAULT '*',
    alias                       VARCHAR(255) NOT NULL,
    target                      MEDIUMTEXT NOT NULL,
    sort_order                  BIGINT NOT NULL DEFAULT 0,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_aliases_1 (provider, alias)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS routing_rules (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_id                 BIGINT NOT NULL,
    operation                   VARCHAR(255) NOT NULL,
    kind                        VARCHAR(255) NOT NULL,
    implementation              MEDIUMTEXT NOT NULL,
    dest_operation              MEDIUMTEXT,
    dest_kind                   MEDIUMTEXT,
    sort_order                  BIGINT NOT NULL DEFAULT 0,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_routing_rules_1 (provider_id, operation, kind),
    CONSTRAINT fk_routing_rules_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rule_sets (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    description                 LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_rule_sets_1 (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rules (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    rule_set_id                 BIGINT NOT NULL,
    kind                        MEDIUMTEXT NOT NULL,
    config_json                 LONGTEXT NOT NULL DEFAULT ('{}'),
    filter_model_pattern        MEDIUMTEXT,
    filter_operation_keys       MEDIUMTEXT,
    filter_header_pattern       MEDIUMTEXT,
    sort_order                  BIGINT NOT NULL DEFAULT 0,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_rules_rule_set_id (rule_set_id),
    CONSTRAINT fk_rules_rule_set_id FOREIGN KEY (rule_set_id) REFERENCES rule_sets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS provider_rule_sets (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_id                 BIGINT NOT NULL,
    rule_set_id                 BIGINT NOT NULL,
    sort_order                  BIGINT NOT NULL DEFAULT 0,
    enabled                     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_provider_rule_sets_1 (provider_id, rule_set_id),
    KEY ix_provider_rule_sets_rule_set_id (rule_set_id),
    CONSTRAINT fk_provider_rule_sets_provider_id FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE CASCADE,
    CONSTRAINT fk_provider_rule_sets_rule_set_id FOREIGN KEY (rule_set_id) REFERENCES rule_sets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS usages (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id                  VARCHAR(255) NOT NULL,
    at                          BIGINT NOT NULL,
    route_name                  MEDIUMTEXT,
    provider_id                 BIGINT,
    credential_id               BIGINT,
    org_id                      BIGINT,
    team_id                     BIGINT,
    user_id                     BIGINT,
    user_key_id                 BIGINT,
    thread_id                   MEDIUMTEXT,
    operation                   MEDIUMTEXT,
    kind                        MEDIUMTEXT,
    model                       MEDIUMTEXT,
    input_tokens                BIGINT NOT NULL DEFAULT 0,
    output_tokens               BIGINT NOT NULL DEFAULT 0,
    image_output_tokens         BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens           BIGINT NOT NULL DEFAULT 0,
    cache_creation_5m_tokens    BIGINT NOT NULL DEFAULT 0,
    cache_creation_30m_tokens   BIGINT NOT NULL DEFAULT 0,
    cache_creation_1h_tokens    BIGINT NOT NULL DEFAULT 0,
    metrics_json                LONGTEXT,
    cost                        BIGINT NOT NULL DEFAULT 0,
    latency_ms                  BIGINT NOT NULL DEFAULT 0,
    usage_source                MEDIUMTEXT NOT NULL DEFAULT ('upstream'),
    ended                       MEDIUMTEXT NOT NULL DEFAULT ('complete'),
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_usages_1 (request_id),
    KEY ix_usages_at (at),
    KEY ix_usages_user_id_at (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS usage_rollups (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    granularity                 VARCHAR(16) NOT NULL,
    bucket_start                BIGINT NOT NULL,
    provider_id                 BIGINT NOT NULL DEFAULT 0,
    org_id                      BIGINT NOT NULL DEFAULT 0,
    team_id                     BIGINT NOT NULL DEFAULT 0,
    user_id                     BIGINT NOT NULL DEFAULT 0,
    route_name                  VARCHAR(255) NOT NULL DEFAULT '',
    model                       VARCHAR(255) NOT NULL DEFAULT '',
    requests                    BIGINT NOT NULL DEFAULT 0,
    input_tokens                BIGINT NOT NULL DEFAULT 0,
    output_tokens               BIGINT NOT NULL DEFAULT 0,
    cache_write_tokens          BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens           BIGINT NOT NULL DEFAULT 0,
    image_output_tokens         BIGINT NOT NULL DEFAULT 0,
    cost                        BIGINT NOT NULL DEFAULT 0,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_usage_rollups_1 (granularity, bucket_start, provider_id, org_id, team_id, user_id, route_name, model)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS downstream_requests (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id                  VARCHAR(255) NOT NULL,
    at                          BIGINT NOT NULL,
    method                      MEDIUMTEXT NOT NULL,
    path                        LONGTEXT NOT NULL,
    query                       LONGTEXT,
    status                      BIGINT,
    headers_json                LONGTEXT,
    body                        LONGTEXT,
    response_body               LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_downstream_requests_request_id (request_id),
    KEY ix_downstream_requests_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS upstream_requests (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id                  VARCHAR(255) NOT NULL,
    at                          BIGINT NOT NULL,
    provider_id                 BIGINT,
    credential_id               BIGINT,
    url                         LONGTEXT,
    method                      MEDIUMTEXT,
    status                      BIGINT,
    latency_ms                  BIGINT,
    headers_json                LONGTEXT,
    body                        LONGTEXT,
    response_body               LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_upstream_requests_request_id (request_id),
    KEY ix_upstream_requests_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS audit_logs (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at                          BIGINT NOT NULL,
    actor_id                    BIGINT,
    actor_name                  MEDIUMTEXT,
    action                      MEDIUMTEXT NOT NULL,
    target                      LONGTEXT NOT NULL,
    status                      BIGINT NOT NULL,
    source_ip                   MEDIUMTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    KEY ix_audit_logs_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS instance_settings (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    instance_name               VARCHAR(255) NOT NULL DEFAULT 'default',
    proxy                       MEDIUMTEXT,
    spoof_emulation             BOOLEAN NOT NULL DEFAULT FALSE,
    enable_usage                BOOLEAN NOT NULL DEFAULT TRUE,
    enable_upstream_log         BOOLEAN NOT NULL DEFAULT FALSE,
    enable_upstream_log_body    BOOLEAN NOT NULL DEFAULT FALSE,
    enable_downstream_log       BOOLEAN NOT NULL DEFAULT FALSE,
    enable_downstream_log_body  BOOLEAN NOT NULL DEFAULT FALSE,
    disable_log_redaction       BOOLEAN NOT NULL DEFAULT FALSE,
    enable_tokenizer_download   BOOLEAN NOT NULL DEFAULT FALSE,
    update_channel              MEDIUMTEXT,
    enable_auto_update_check    BOOLEAN NOT NULL DEFAULT FALSE,
    retention_days              BIGINT,
    max_database_size_mb        BIGINT,
    file_upload_max_in_flight   BIGINT NOT NULL DEFAULT 0,
    request_blacklist           LONGTEXT,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_instance_settings_1 (instance_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS tokenizer_vocabs (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                        VARCHAR(255) NOT NULL,
    bytes                       LONGBLOB NOT NULL,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_tokenizer_vocabs_1 (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The durable config revision: one row, bumped once by every committed control-plane write.
CREATE TABLE IF NOT EXISTS config_revision (
    id       BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO config_revision (id, revision) VALUES (1, 0);
