-- V5: what an intent's request holds and owes on the quota side (DESIGN §4.1). pending_quota is the
-- reservation's hold (its token and each pending counter it charged, with the amount), so start-up
-- releases exactly those; quota_charged is what the quota rows were charged for the request, set in
-- the transaction that charged them, so start-up never charges them twice.
ALTER TABLE usage_intents ADD COLUMN pending_quota TEXT;
ALTER TABLE usage_intents ADD COLUMN quota_charged INTEGER;
