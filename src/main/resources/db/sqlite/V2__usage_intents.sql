-- V2: usage intents (DESIGN §4.1). One row per request admitted and about to call an upstream,
-- written before the call and removed when its usage row is written; a row left behind by a killed
-- process becomes an estimated, interrupted usage row at the next start of the same instance.
-- No foreign keys: an intent must survive the deletion of the user or credential it names.
CREATE TABLE usage_intents (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id                  TEXT NOT NULL,
    instance_id                 INTEGER NOT NULL,
    at                          INTEGER NOT NULL,
    user_id                     INTEGER,
    user_key_id                 INTEGER,
    org_id                      INTEGER,
    team_id                     INTEGER,
    provider_id                 INTEGER,
    credential_id               INTEGER,
    route_name                  TEXT,
    operation                   TEXT,
    kind                        TEXT,
    model                       TEXT,
    estimated_input_tokens      INTEGER NOT NULL DEFAULT 0,
    estimate_nanos              INTEGER NOT NULL DEFAULT 0,
    created_at                  INTEGER NOT NULL,
    updated_at                  INTEGER NOT NULL,
    CONSTRAINT uq_usage_intents_1 UNIQUE (request_id)
);
CREATE INDEX ix_usage_intents_instance_id ON usage_intents (instance_id);
