-- V2: usage intents (DESIGN §4.1). One row per request admitted and about to call an upstream,
-- written before the call and removed when its usage row is written; a row left behind by a killed
-- process becomes an estimated, interrupted usage row at the next start of the same instance.
-- No foreign keys: an intent must survive the deletion of the user or credential it names.
-- Safe to repeat after a partial run (MySQL commits DDL as it goes).
CREATE TABLE IF NOT EXISTS usage_intents (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id                  VARCHAR(255) NOT NULL,
    instance_id                 BIGINT NOT NULL,
    at                          BIGINT NOT NULL,
    user_id                     BIGINT,
    user_key_id                 BIGINT,
    org_id                      BIGINT,
    team_id                     BIGINT,
    provider_id                 BIGINT,
    credential_id               BIGINT,
    route_name                  MEDIUMTEXT,
    operation                   MEDIUMTEXT,
    kind                        MEDIUMTEXT,
    model                       MEDIUMTEXT,
    estimated_input_tokens      BIGINT NOT NULL DEFAULT 0,
    estimate_nanos              BIGINT NOT NULL DEFAULT 0,
    created_at                  BIGINT NOT NULL,
    updated_at                  BIGINT NOT NULL,
    UNIQUE KEY uq_usage_intents_1 (request_id),
    KEY ix_usage_intents_instance_id (instance_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
