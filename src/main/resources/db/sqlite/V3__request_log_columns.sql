-- V3: request-log columns beyond v2's (features §8.3): the caller, the target and how the request
-- ended on the downstream row; the attempt number, disposition and transport error on the upstream
-- row. Ids are plain integers, not references: a log row outlives the user or credential it names.
ALTER TABLE downstream_requests ADD COLUMN user_id INTEGER;
ALTER TABLE downstream_requests ADD COLUMN user_key_id INTEGER;
ALTER TABLE downstream_requests ADD COLUMN provider_id INTEGER;
ALTER TABLE downstream_requests ADD COLUMN route_name TEXT;
ALTER TABLE downstream_requests ADD COLUMN model TEXT;
ALTER TABLE downstream_requests ADD COLUMN error_code TEXT;
ALTER TABLE downstream_requests ADD COLUMN latency_ms INTEGER;
ALTER TABLE downstream_requests ADD COLUMN client_ip TEXT;
ALTER TABLE upstream_requests ADD COLUMN attempt INTEGER;
ALTER TABLE upstream_requests ADD COLUMN model TEXT;
ALTER TABLE upstream_requests ADD COLUMN disposition TEXT;
ALTER TABLE upstream_requests ADD COLUMN error TEXT;
CREATE INDEX ix_downstream_requests_user_id ON downstream_requests (user_id);
CREATE INDEX ix_audit_logs_at_id ON audit_logs (at, id);
