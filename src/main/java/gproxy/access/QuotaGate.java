package gproxy.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.cache.CacheUnavailableException;
import gproxy.error.GatewayException;
import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * Quota admission for one snapshot's {@code quotas} rows: every quota on the caller's user → team →
 * org chain must have room for the request's estimate on every window it enables.
 *
 * <p>The estimate is added to the scope's pending counter first and the room checked second, so
 * concurrent requests see each other: with estimates that cover the actual cost, a quota is never
 * overrun; with estimates below it, by no more than what the admitted requests exceed them. A refused
 * request gives back everything it charged. No database read: usage comes from the {@link QuotaLedger},
 * so across instances these bounds hold up to the spend the ledger has not seen yet (see there).
 */
public final class QuotaGate {
    private final Map<Scope.Ref, Quota> quotas;
    private final QuotaAccounts accounts;

    private QuotaGate(Map<Scope.Ref, Quota> quotas, QuotaAccounts accounts) {
        this.quotas = Map.copyOf(quotas);
        this.accounts = accounts;
    }

    static QuotaGate of(Snapshot snapshot, QuotaAccounts accounts) {
        return of(snapshot.rows(Schema.QUOTAS), accounts);
    }

    /** Also folds the rows' usage into the ledger: a fresher snapshot may carry other instances' spend. */
    static QuotaGate of(List<Row> rows, QuotaAccounts accounts) {
        Map<Scope.Ref, Quota> quotas = new HashMap<>();
        for (Row row : rows) {
            Quota.of(row).ifPresent(q -> quotas.put(q.owner(), q));
            accounts.ledger.observe(row);
        }
        return new QuotaGate(quotas, accounts);
    }

    /**
     * Reserves {@code estimateNanos} on every quota of the caller's chain. Refuses with 402
     * {@code quota_exceeded} when, on any window of any of them, {@code used + pending ≥ limit} or
     * {@code used + pending + estimate > limit} (an estimate that exactly fits is admitted), and with
     * 503 {@code counter_unavailable} when the pending counters cannot be reached.
     */
    public Reservation reserve(Caller caller, long estimateNanos) {
        if (estimateNanos < 0) {
            throw new IllegalArgumentException("estimateNanos: " + estimateNanos + " (expected: >= 0)");
        }
        List<Quota> chain = chain(caller);
        List<PendingQuota.Charge> charges = new ArrayList<>(chain.size());
        Optional<GatewayException> refused;
        try {
            refused = charge(chain, estimateNanos, charges);
        } catch (RuntimeException e) {
            accounts.giveBack(charges);
            throw new CacheUnavailableException("quota counters are unavailable; request refused", e);
        }
        if (refused.isPresent()) {
            accounts.giveBack(charges);
            throw refused.get();
        }
        Optional<Hold> hold;
        try {
            hold = accounts.pending.hold(charges);
        } catch (RuntimeException e) {
            accounts.giveBack(charges);
            throw new CacheUnavailableException("quota counters are unavailable; request refused", e);
        }
        return accounts.open(chain, hold, estimateNanos);
    }

    private List<Quota> chain(Caller caller) {
        List<Quota> chain = new ArrayList<>(3);
        for (Scope.Ref ref : Scope.chain(caller.user())) {
            Quota q = quotas.get(ref);
            if (q != null) {
                chain.add(q);
            }
        }
        return chain;
    }

    private Optional<GatewayException> charge(List<Quota> chain, long estimate, List<PendingQuota.Charge> charges) {
        for (Quota quota : chain) {
            PendingQuota.Charged charged = accounts.pending.charge(quota.owner(), estimate);
            charges.add(charged.charge());
            // Usage is read after the charge: a commit adds to the ledger before it releases pending,
            // so a spend that has left pending is already in the ledger by now.
            Instant now = accounts.clock.instant();
            Optional<Window> full = full(quota, accounts.ledger.usage(quota.id()), charged.others(), estimate, now);
            if (full.isPresent()) {
                return Optional.of(new GatewayException(402, "quota_exceeded", "quota exceeded: the "
                        + quota.owner().scope().column() + "'s " + full.get().label() + " quota has no room for this request"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Window> full(Quota quota, QuotaUsage usage, long pending, long estimate, Instant now) {
        for (Map.Entry<Window, Long> limit : quota.limits().entrySet()) {
            long committed = plus(usage.usedAt(limit.getKey(), now), pending);
            if (committed >= limit.getValue() || plus(committed, estimate) > limit.getValue()) {
                return Optional.of(limit.getKey());
            }
        }
        return Optional.empty();
    }

    /** Saturating: an overflow must refuse, not wrap round to a negative that admits. */
    private static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }
}
