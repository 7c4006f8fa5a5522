package gproxy.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.access.AbandonedQuota;
import gproxy.access.Hold;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * Start-up half of DESIGN §4.1: every intent this instance left behind became no usage row (the
 * process died between the upstream call and the usage write), so each one becomes an
 * {@code interrupted}, {@code estimated} usage row. Runs once the cache is open and before the
 * listener binds, so no request of this process races it. Only this instance's intents are taken:
 * the instance-id lease ({@code gproxy.store.InstanceLease}) makes sure no live process shares the id.
 *
 * <p>Per intent, in an order that a second kill during start-up cannot turn into a double count:
 * <ol>
 *   <li>its pending quota hold is released ({@link AbandonedQuota#release}: exactly the charges it
 *       made, and only if no one released them before — the request may have settled before the
 *       kill, its usage row still queued);</li>
 *   <li>unless its quota rows were charged already (settlement records {@code quota_charged} in the
 *       transaction that charges them), the estimate is charged to its chain's quota rows and recorded
 *       as {@code quota_charged}, in one transaction;</li>
 *   <li>the usage row, priced at {@code quota_charged}, replaces the intent in one transaction.</li>
 * </ol>
 * So the quota ledger ends equal to the sum of the usage rows, whichever step the process died in.
 */
public final class Reconciliation {
    private static final System.Logger LOG = System.getLogger(Reconciliation.class.getName());
    private static final int BATCH = 500;

    /** How many intents became usage rows, and how many of their holds this start released. */
    public record Result(long reconciled, long released) {
    }

    private Reconciliation() {
    }

    /** Turns this instance's intents into usage rows and removes them, releasing and charging their quota. */
    public static Result run(Store store, long instanceId, AbandonedQuota quota, Clock clock) {
        long reconciled = 0;
        long released = 0;
        while (true) {
            List<Row> intents = store.list(Schema.USAGE_INTENTS, Query.where("instance_id", instanceId).limit(BATCH));
            if (intents.isEmpty()) {
                break;
            }
            released += release(intents, quota);
            List<Row> charged = store.write(tx -> charge(tx, intents, clock.instant()));
            // a request whose usage row did commit is skipped by the duplicate key, and its intent removed
            store.appendAndDelete(Schema.USAGES, charged.stream().map(Reconciliation::usage).toList(),
                    Schema.USAGE_INTENTS, "request_id", intents.stream().map(i -> i.text("request_id")).toList(),
                    UsageRollups.ALL);
            reconciled += intents.size();
        }
        if (reconciled > 0) {
            long count = reconciled;
            long holds = released;
            LOG.log(System.Logger.Level.WARNING, () -> count + " requests of instance " + instanceId
                    + " ended with the process that served them: billed as interrupted at their estimate; "
                    + holds + " pending quota holds released");
        }
        return new Result(reconciled, released);
    }

    private static long release(List<Row> intents, AbandonedQuota quota) {
        long released = 0;
        for (Row intent : intents) {
            Optional<Hold> hold = intent.optionalText("pending_quota").flatMap(Hold::decode);
            try {
                if (hold.isPresent() && quota.release(hold.get())) {
                    released++;
                }
            } catch (RuntimeException e) {
                // it expires with its generation (at most 30 minutes); billing must not wait for the cache
                LOG.log(System.Logger.Level.WARNING, "cannot release the pending quota of request "
                        + intent.text("request_id") + ": " + e.getMessage());
            }
        }
        return released;
    }

    /** The intents with {@code quota_charged} set: charged now at their estimate unless settlement charged them. */
    private static List<Row> charge(Store.Tx tx, List<Row> intents, Instant now) {
        List<Row> charged = new ArrayList<>(intents.size());
        for (Row intent : intents) {
            if (intent.optionalLong("quota_charged").isPresent()) {
                charged.add(intent);
                continue;
            }
            long estimate = intent.longValue("estimate_nanos");
            boolean settled = !tx.list(Schema.USAGES, Query.where("request_id", intent.text("request_id")).limit(1))
                    .isEmpty();
            Optional<Long> user = intent.optionalLong("user_id");
            if (!settled && user.isPresent()) {
                AbandonedQuota.charge(tx, user.get(), intent.optionalLong("team_id"), intent.optionalLong("org_id"),
                        estimate, now);
            }
            tx.save(Schema.USAGE_INTENTS, Row.of(Map.of("id", intent.requireId(), "quota_charged", estimate)));
            charged.add(intent.with("quota_charged", estimate));
        }
        return charged;
    }

    static Row usage(Row intent) {
        Map<String, Object> row = new HashMap<>();
        for (String column : List.of("request_id", "at", "route_name", "provider_id", "credential_id", "org_id",
                "team_id", "user_id", "user_key_id", "operation", "kind", "model")) {
            row.put(column, intent.get(column));
        }
        row.put("input_tokens", intent.longValue("estimated_input_tokens"));
        // what the quota rows were charged for it: the estimate, or the settled cost if it settled before the kill
        row.put("cost", intent.optionalLong("quota_charged").orElse(intent.longValue("estimate_nanos")));
        row.put("usage_source", UsageSource.ESTIMATED.id());
        row.put("ended", Ended.INTERRUPTED.id());
        return Row.of(row);
    }
}
