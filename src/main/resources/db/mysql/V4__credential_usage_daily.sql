-- V4: per-credential daily usage (reference §2.2, v2 migration 23), accumulated at settlement in the
-- transaction that writes the usage rows. No foreign keys: the history outlives the credential.
-- Safe to repeat after a partial run (MySQL commits DDL as it goes).
CREATE TABLE IF NOT EXISTS credential_usage_daily (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    day_start                   BIGINT NOT NULL,
    credential_id               BIGINT NOT NULL,
    provider_id                 BIGINT NOT NULL DEFAULT 0,
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
    UNIQUE KEY uq_credential_usage_daily_1 (day_start, credential_id, model)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
