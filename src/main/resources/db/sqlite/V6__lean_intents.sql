-- V6: usage intents are written and deleted once per request on the hot path, so the table keeps
-- only what those writes need. Rebuilt without AUTOINCREMENT (which updated sqlite_sequence, one
-- more page, in every intent transaction; ids only name a row while it lives) and without the
-- instance_id index (start-up reads this instance's few left-over rows by scanning; the table holds
-- only requests in flight). Same columns, same unique request_id.
CREATE TABLE usage_intents_v6 (
    id                          INTEGER PRIMARY KEY,
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
    pending_quota               TEXT,
    quota_charged               INTEGER,
    CONSTRAINT uq_usage_intents_1 UNIQUE (request_id)
);
INSERT INTO usage_intents_v6 (id, request_id, instance_id, at, user_id, user_key_id, org_id, team_id, provider_id,
    credential_id, route_name, operation, kind, model, estimated_input_tokens, estimate_nanos, created_at, updated_at,
    pending_quota, quota_charged)
SELECT id, request_id, instance_id, at, user_id, user_key_id, org_id, team_id, provider_id,
    credential_id, route_name, operation, kind, model, estimated_input_tokens, estimate_nanos, created_at, updated_at,
    pending_quota, quota_charged
FROM usage_intents;
DROP TABLE usage_intents;
ALTER TABLE usage_intents_v6 RENAME TO usage_intents;
