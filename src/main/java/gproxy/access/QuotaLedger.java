package gproxy.access;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * The live spend of every quota row, per window, as this process knows it: what admission compares
 * with the limits. It exists because the snapshot's {@code *_used} columns go stale with the first
 * settlement (increments do not reload it) and a database read per request is not affordable.
 *
 * <p>Loaded once from the store at start, then advanced by every commit of this process with the
 * values its atomic {@code UPDATE}s returned, which include whatever other instances had committed
 * to the same rows. A new snapshot's rows are folded in as well. All of these only move usage
 * forward ({@link QuotaUsage#merge}), so late or out-of-order results cannot undo a spend.
 *
 * <p>Limits: another instance's spend is seen here only once this process commits to the same row,
 * loads a new snapshot, or one of the hooks runs — {@link #replace} for a periodic reload from the
 * store, {@link #observe} for a peer's committed row (Redis pub/sub). Until then a cluster can
 * overrun a quota by what other instances settled since; in-flight spend is not affected, because
 * pending reservations live in the shared cache. An admin reset of usage takes effect through
 * {@link #replace} only, since folding never lowers usage.
 */
public final class QuotaLedger {
    private final ConcurrentHashMap<Long, QuotaUsage> usage = new ConcurrentHashMap<>();

    QuotaLedger() {
    }

    /** Reads every {@code quotas} row once (at start). */
    public static QuotaLedger load(Store store) {
        QuotaLedger ledger = new QuotaLedger();
        ledger.replace(store.list(Schema.QUOTAS, Query.all()));
        return ledger;
    }

    /**
     * Hook: replaces the view with the store's rows as read now (periodic refresh, after an admin
     * reset). Authoritative, so a commit of this process racing with the read may be missed until
     * its next commit or refresh.
     */
    public void replace(List<Row> quotaRows) {
        Set<Long> present = new HashSet<>();
        for (Row row : quotaRows) {
            present.add(row.requireId());
            usage.put(row.requireId(), QuotaUsage.of(row));
        }
        usage.keySet().retainAll(present);
    }

    /** Hook: a {@code quotas} row as some instance read it after committing; only moves usage forward. */
    public void observe(Row quotaRow) {
        observe(quotaRow.requireId(), QuotaUsage.of(quotaRow));
    }

    void observe(long quotaId, QuotaUsage seen) {
        usage.merge(quotaId, seen, QuotaUsage::merge);
    }

    /** A spend the store did not take (it failed): counted here so this process does not spend it twice. */
    void charge(long quotaId, long amount, Instant now) {
        usage.compute(quotaId, (id, old) -> (old == null ? QuotaUsage.NONE : old).plus(amount, now));
    }

    /** The quota's spend in its total window as this process knows it (metrics). */
    public long usedTotal(long quotaId) {
        return usage(quotaId).usedAt(Window.TOTAL, Instant.EPOCH);
    }

    QuotaUsage usage(long quotaId) {
        return usage.getOrDefault(quotaId, QuotaUsage.NONE);
    }
}
