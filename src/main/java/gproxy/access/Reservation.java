package gproxy.access;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import gproxy.store.Store;

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
    private final Optional<Hold> hold;
    private final long estimateNanos;
    private final AtomicBoolean done = new AtomicBoolean();

    Reservation(QuotaAccounts accounts, List<Quota> quotas, Optional<Hold> hold, long estimateNanos) {
        this.accounts = accounts;
        this.quotas = List.copyOf(quotas);
        this.hold = hold;
        this.estimateNanos = estimateNanos;
    }

    public long estimateNanos() {
        return estimateNanos;
    }

    /** What this reservation holds in the pending counters, for the request's durable intent; empty when nothing. */
    public Optional<Hold> hold() {
        return hold;
    }

    /** As {@link #commit(long, Consumer)} with nothing else in the quota transaction. */
    public void commit(long actualNanos) {
        commit(actualNanos, tx -> { });
    }

    /**
     * Charges {@code actualNanos} to every quota of the chain and releases the estimate. The release
     * happens also when the store fails; that failure is rethrown, with the ledger of this process
     * charged regardless. {@code sameTransaction} runs in the transaction that charges the quota rows
     * (when there are any and the cost is not 0): what must be durable exactly when the charge is.
     */
    public void commit(long actualNanos, Consumer<Store.Tx> sameTransaction) {
        if (actualNanos < 0) {
            throw new IllegalArgumentException("actualNanos: " + actualNanos + " (expected: >= 0)");
        }
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            accounts.settle(quotas, actualNanos, sameTransaction);
        } finally {
            accounts.release(hold);
        }
    }

    /** Releases the estimate unless committed; never throws. */
    @Override
    public void close() {
        if (done.compareAndSet(false, true)) {
            accounts.release(hold);
        }
    }
}
