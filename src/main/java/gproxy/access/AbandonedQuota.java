package gproxy.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import gproxy.cache.CacheBackend;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * The quota side of a request whose process died before it settled (DESIGN §4.1), for start-up
 * reconciliation: give back the pending charges its reservation held, and charge its estimate to the
 * quota rows of its user → team → org chain. Never used on the request path.
 */
public final class AbandonedQuota {
    private final PendingQuota pending;

    public AbandonedQuota(CacheBackend cache, Clock clock) {
        this.pending = new PendingQuota(cache, clock);
    }

    /**
     * Gives back exactly the charges of {@code hold}, unless they were given back already (the request
     * settled before the process died, or a previous start released them): true when this call did.
     * Throws {@code CacheUnavailableException} when the cache cannot be reached.
     */
    public boolean release(Hold hold) {
        return pending.release(hold);
    }

    /**
     * Adds {@code nanos} to every window of the quota rows of the chain, in the caller's transaction,
     * one atomic {@code UPDATE} per column as settlement does; returns how many quota rows were charged.
     */
    public static int charge(Store.Tx tx, long userId, Optional<Long> teamId, Optional<Long> orgId, long nanos,
                             Instant now) {
        if (nanos <= 0) {
            return 0;
        }
        List<Scope.Ref> chain = new ArrayList<>(3);
        chain.add(new Scope.Ref(Scope.USER, userId));
        teamId.ifPresent(id -> chain.add(new Scope.Ref(Scope.TEAM, id)));
        orgId.ifPresent(id -> chain.add(new Scope.Ref(Scope.ORG, id)));
        List<Quota> quotas = new ArrayList<>();
        for (Scope.Ref ref : chain) {
            for (Row row : tx.list(Schema.QUOTAS, Query.where("scope", ref.scope().column()).and("scope_id", ref.id()))) {
                Quota.of(row).ifPresent(quotas::add);
            }
        }
        return QuotaAccounts.persist(tx, quotas, nanos, now).size();
    }
}
