package gproxy.billing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * Start-up half of DESIGN §4.1: every intent this instance left behind became no usage row (the
 * process died between the upstream call and the usage write), so each one becomes an
 * {@code interrupted}, {@code estimated} usage row priced at its admission estimate. Runs before the
 * listener binds, so no request of this process races it.
 *
 * <p>Pending quota is not released here: with the in-process cache the reservations died with the
 * process; with Redis they outlive it, but nothing durable says which generation key holds each one,
 * so they expire with their 15-minute generation (at most 30 minutes, {@code PendingQuota}), erring
 * on the side of refusing. Only this instance's intents are taken: the instance-id lease
 * ({@code gproxy.store.InstanceLease}) makes sure no live process shares the id. The estimate is not charged to the quota rows here either: settlement commits the quota
 * synchronously while its usage row waits for the writer's next batch, so a process killed in between
 * has charged the quota for a request whose intent is still here, and nothing durable says which
 * intents those are. Charging again could bill a team twice; the usage row is the record owed.
 */
public final class Reconciliation {
    private static final System.Logger LOG = System.getLogger(Reconciliation.class.getName());
    private static final int BATCH = 500;

    private Reconciliation() {
    }

    /** Turns this instance's intents into usage rows and removes them; returns how many there were. */
    public static long run(Store store, long instanceId) {
        long reconciled = 0;
        while (true) {
            List<Row> intents = store.list(Schema.USAGE_INTENTS, Query.where("instance_id", instanceId).limit(BATCH));
            if (intents.isEmpty()) {
                break;
            }
            // a request whose usage row did commit is skipped by the duplicate key, and its intent removed
            store.appendAndDelete(Schema.USAGES, intents.stream().map(Reconciliation::usage).toList(),
                    Schema.USAGE_INTENTS, "request_id", intents.stream().map(i -> i.text("request_id")).toList(),
                    UsageRollups.ALL);
            reconciled += intents.size();
        }
        if (reconciled > 0) {
            long count = reconciled;
            LOG.log(System.Logger.Level.WARNING, () -> count + " requests of instance " + instanceId
                    + " ended with the process that served them: billed as interrupted at their estimate");
        }
        return reconciled;
    }

    static Row usage(Row intent) {
        Map<String, Object> row = new HashMap<>();
        for (String column : List.of("request_id", "at", "route_name", "provider_id", "credential_id", "org_id",
                "team_id", "user_id", "user_key_id", "operation", "kind", "model")) {
            row.put(column, intent.get(column));
        }
        row.put("input_tokens", intent.longValue("estimated_input_tokens"));
        row.put("cost", intent.longValue("estimate_nanos"));
        row.put("usage_source", UsageSource.ESTIMATED.id());
        row.put("ended", Ended.INTERRUPTED.id());
        return Row.of(row);
    }
}
