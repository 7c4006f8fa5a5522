package gproxy.access;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;

import gproxy.error.GatewayException;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * What the quota gates of all snapshots share: pending counters in the cache, the ledger, the store
 * and the clock. Settles and releases on behalf of {@link Reservation}s, and counts the open ones so
 * tests can check that none leaked.
 */
final class QuotaAccounts {
    private static final System.Logger LOG = System.getLogger(QuotaAccounts.class.getName());

    final PendingQuota pending;
    final QuotaLedger ledger;
    final Clock clock;
    private final Store store;
    private final QuotaFeed feed;
    private final AtomicInteger open = new AtomicInteger();

    QuotaAccounts(PendingQuota pending, QuotaLedger ledger, Store store, Clock clock, QuotaFeed feed) {
        this.pending = pending;
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
        this.feed = feed;
    }

    Reservation open(List<Quota> quotas, Optional<Hold> hold, long estimate) {
        open.incrementAndGet();
        return new Reservation(this, quotas, hold, estimate);
    }

    int openReservations() {
        return open.get();
    }

    /**
     * Adds {@code actual} to every window of every quota row in one transaction, one atomic
     * {@code UPDATE} per column, and folds the returned values into the ledger and the peers' (before
     * the caller releases pending: see {@link QuotaFeed}). When the store
     * fails, the ledger is charged anyway (this process must not spend the money twice) and the
     * failure is rethrown for settlement to report.
     */
    void settle(List<Quota> quotas, long actual, Consumer<Store.Tx> sameTransaction) {
        if (actual == 0 || quotas.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<Long, QuotaUsage> stored;
        try {
            stored = store.write(tx -> {
                Map<Long, QuotaUsage> persisted = persist(tx, quotas, actual, now);
                sameTransaction.accept(tx);
                return persisted;
            });
        } catch (RuntimeException e) {
            quotas.forEach(q -> ledger.charge(q.id(), actual, now));
            throw e;
        }
        stored.forEach(ledger::observe);
        stored.forEach(feed::publish);
    }

    /** Ends a reservation: gives its hold back (once); never throws, since it runs from {@code close()}. */
    void release(Optional<Hold> hold) {
        open.decrementAndGet();
        hold.ifPresent(h -> {
            try {
                pending.release(h);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot release pending quota hold: " + e.getMessage());
            }
        });
    }

    /** Best effort: a charge that cannot be given back expires with its generation within 30 minutes. */
    void giveBack(List<PendingQuota.Charge> charges) {
        for (PendingQuota.Charge charge : charges) {
            try {
                pending.release(charge);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot release pending quota " + charge.key() + ": " + e.getMessage());
            }
        }
    }

    static Map<Long, QuotaUsage> persist(Store.Tx tx, List<Quota> quotas, long actual, Instant now) {
        Map<Long, QuotaUsage> stored = new HashMap<>();
        for (Quota quota : quotas) {
            try {
                stored.put(quota.id(), persistRow(tx, quota.id(), actual, now));
            } catch (GatewayException e) {
                if (e.status() != 404) {
                    throw e;
                }
                // The quota was deleted while the request ran: there is nothing left to charge.
            }
        }
        return stored;
    }

    private static QuotaUsage persistRow(Store.Tx tx, long id, long actual, Instant now) {
        Map<Window, QuotaUsage.Counted> windows = new EnumMap<>(Window.class);
        for (Window w : Window.values()) {
            long anchor = w.anchor(now);
            long used = w.anchorColumn().isEmpty()
                    ? tx.increment(Schema.QUOTAS, id, w.usedColumn(), actual)
                    : tx.incrementWindow(Schema.QUOTAS, id, w.usedColumn(), w.anchorColumn().get(), anchor, actual);
            windows.put(w, new QuotaUsage.Counted(anchor, used));
        }
        return new QuotaUsage(windows);
    }
}
