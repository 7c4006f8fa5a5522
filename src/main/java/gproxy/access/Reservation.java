package gproxy.access;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Quota admitted for one request: its estimate is pending on every quota of the caller's chain until
 * this is committed or closed. Must be closed; use try-with-resources, like the settlement guard:
 *
 * <pre>{@code
 * try (Reservation r = gate.reserve(caller, estimateNanos)) {
 *     ...                      // call the upstream, relay
 *     r.commit(actualNanos);   // settled cost; the only path that charges the quota
 * }                            // without commit: the estimate is released, nothing is charged
 * }</pre>
 *
 * <p>{@link #commit} first adds the actual cost to the quota rows, then subtracts exactly the
 * reserved estimate from pending, never a recomputed one: for a moment the spend counts twice, never
 * zero times. The first of {@code commit} and {@code close} wins; every later call is a no-op.
 */
public final class Reservation implements AutoCloseable {
    private final QuotaAccounts accounts;
    private final List<Quota> quotas;
    private final List<PendingQuota.Charge> charges;
    private final long estimateNanos;
    private final AtomicBoolean done = new AtomicBoolean();

    Reservation(QuotaAccounts accounts, List<Quota> quotas, List<PendingQuota.Charge> charges, long estimateNanos) {
        this.accounts = accounts;
        this.quotas = List.copyOf(quotas);
        this.charges = List.copyOf(charges);
        this.estimateNanos = estimateNanos;
    }

    public long estimateNanos() {
        return estimateNanos;
    }

    /**
     * Charges {@code actualNanos} to every quota of the chain and releases the estimate. The release
     * happens also when the store fails; that failure is rethrown, with the ledger of this process
     * charged regardless.
     */
    public void commit(long actualNanos) {
        if (actualNanos < 0) {
            throw new IllegalArgumentException("actualNanos: " + actualNanos + " (expected: >= 0)");
        }
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            accounts.settle(quotas, actualNanos);
        } finally {
            accounts.release(charges);
        }
    }

    /** Releases the estimate unless committed; never throws. */
    @Override
    public void close() {
        if (done.compareAndSet(false, true)) {
            accounts.release(charges);
        }
    }
}
