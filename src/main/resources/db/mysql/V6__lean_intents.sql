-- V6: usage intents are written and deleted once per request on the hot path; start-up reads an
-- instance's left-over rows by scanning (the table holds only requests in flight), so the
-- instance_id index is dropped. The unique request_id stays.
DROP INDEX ix_usage_intents_instance_id ON usage_intents;
