package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import gproxy.store.Store;

/**
 * The {@link ControlPlane} of one process: builds snapshots from the {@link Store} with
 * {@link SnapshotLoader} and swaps them atomically. Reloads are serialized and monotonic: a snapshot
 * never replaces one built from a newer revision. A failed build keeps the current snapshot.
 */
public final class StoreControlPlane implements ControlPlane {
    private static final Logger LOG = System.getLogger(StoreControlPlane.class.getName());

    private final Store store;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.empty());
    private final ReentrantLock reloading = new ReentrantLock();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public StoreControlPlane(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Builds the first snapshot; start-up fails if the store cannot be read. */
    public static StoreControlPlane load(Store store, Clock clock) {
        StoreControlPlane plane = new StoreControlPlane(store, clock);
        plane.reload();
        return plane;
    }

    @Override
    public Snapshot current() {
        return current.get();
    }

    @Override
    public Snapshot reload() {
        reloading.lock();
        try {
            Snapshot next;
            try {
                next = SnapshotLoader.load(store, clock.instant());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.log(Level.ERROR, "snapshot rebuild failed; keeping revision " + current.get().revision()
                        + ": " + e.getMessage(), e);
                throw e;
            }
            Snapshot previous = current.get();
            if (next.revision() < previous.revision()) {
                return previous;
            }
            current.set(next);
            reloads.incrementAndGet();
            return next;
        } finally {
            reloading.unlock();
        }
    }

    public long reloadCount() {
        return reloads.get();
    }

    public long failureCount() {
        return failures.get();
    }
}
