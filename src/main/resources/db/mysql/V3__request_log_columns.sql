-- V3: request-log columns beyond v2's (features §8.3): the caller, the target and how the request
-- ended on the downstream row; the attempt number, disposition and transport error on the upstream
-- row. Ids are plain integers, not references: a log row outlives the user or credential it names.
-- Safe to repeat after a partial run (MySQL commits DDL as it goes): MariaDB's IF NOT EXISTS.
ALTER TABLE downstream_requests ADD COLUMN IF NOT EXISTS user_id BIGINT, ADD COLUMN IF NOT EXISTS user_key_id BIGINT,
    ADD COLUMN IF NOT EXISTS provider_id BIGINT, ADD COLUMN IF NOT EXISTS route_name MEDIUMTEXT,
    ADD COLUMN IF NOT EXISTS model MEDIUMTEXT, ADD COLUMN IF NOT EXISTS error_code MEDIUMTEXT,
    ADD COLUMN IF NOT EXISTS latency_ms BIGINT, ADD COLUMN IF NOT EXISTS client_ip MEDIUMTEXT;
ALTER TABLE upstream_requests ADD COLUMN IF NOT EXISTS attempt BIGINT, ADD COLUMN IF NOT EXISTS model MEDIUMTEXT,
    ADD COLUMN IF NOT EXISTS disposition MEDIUMTEXT, ADD COLUMN IF NOT EXISTS error LONGTEXT;
CREATE INDEX IF NOT EXISTS ix_downstream_requests_user_id ON downstream_requests (user_id);
CREATE INDEX IF NOT EXISTS ix_audit_logs_at_id ON audit_logs (at, id);
