package gproxy.access;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import gproxy.cache.CacheBackend;
import gproxy.snapshot.Snapshot;
import gproxy.store.Store;

/**
 * The long-lived half of admission: the cache backend, the quota ledger and the store, shared by the
 * per-snapshot {@link Access} it builds. One per process.
 */
public final class AccessControl {
    /** The last snapshot and what was built for it: a swap happens per admin write, a look-up per request. */
    private record Built(Snapshot snapshot, Access access) {
    }

    private final CacheBackend cache;
    private final QuotaAccounts accounts;
    private final Clock clock;
    private final AtomicReference<Built> last = new AtomicReference<>();

    /** Loads the quota ledger from {@code store}: one read of the {@code quotas} table, at start. */
    public AccessControl(CacheBackend cache, Store store, Clock clock) {
        this(cache, store, QuotaLedger.load(store), clock);
    }

    AccessControl(CacheBackend cache, Store store, QuotaLedger ledger, Clock clock) {
        this.cache = cache;
        this.clock = clock;
        this.accounts = new QuotaAccounts(new PendingQuota(cache, clock), ledger, store, clock,
                QuotaFeed.start(cache, ledger));
    }

    /** The checks of {@code snapshot}, built on first use and reused while it stays current. */
    public Access forSnapshot(Snapshot snapshot) {
        Built built = last.get();
        if (built != null && built.snapshot() == snapshot) {
            return built.access();
        }
        Access access = new Access(Permissions.of(snapshot), RateLimiter.of(snapshot, cache, clock),
                QuotaGate.of(snapshot, accounts));
        last.set(new Built(snapshot, access));
        return access;
    }

    /** The live quota usage, for the refresh hooks ({@link QuotaLedger#replace}, {@link QuotaLedger#observe}). */
    public QuotaLedger ledger() {
        return accounts.ledger;
    }

    /** Reservations neither committed nor closed: 0 when idle, or something leaked. */
    public int openReservations() {
        return accounts.openReservations();
    }
}
