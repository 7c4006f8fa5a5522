-- V5: what an intent's request holds and owes on the quota side (DESIGN §4.1). pending_quota is the
-- reservation's hold (its token and each pending counter it charged, with the amount), so start-up
-- releases exactly those; quota_charged is what the quota rows were charged for the request, set in
-- the transaction that charged them, so start-up never charges them twice.
-- Safe to repeat after a partial run (MySQL commits DDL as it goes): MariaDB's IF NOT EXISTS.
ALTER TABLE usage_intents ADD COLUMN IF NOT EXISTS pending_quota MEDIUMTEXT,
    ADD COLUMN IF NOT EXISTS quota_charged BIGINT;
