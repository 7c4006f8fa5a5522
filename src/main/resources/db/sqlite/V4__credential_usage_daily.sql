-- V4: per-credential daily usage (reference §2.2, v2 migration 23), accumulated at settlement in the
-- transaction that writes the usage rows. No foreign keys: the history outlives the credential.
CREATE TABLE credential_usage_daily (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    day_start                   INTEGER NOT NULL,
    credential_id               INTEGER NOT NULL,
    provider_id                 INTEGER NOT NULL DEFAULT 0,
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
    CONSTRAINT uq_credential_usage_daily_1 UNIQUE (day_start, credential_id, model)
);
