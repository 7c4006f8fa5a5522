package gproxy.admin;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import gproxy.engine.HealthListener;
import gproxy.engine.HealthTransition;
import gproxy.store.Store;

/**
 * Persists health edges into {@code credential_statuses} / {@code credential_model_statuses}
 * (features §5.6) off the request path: {@link #onTransition} only enqueues; one virtual thread
 * writes what has queued up in one transaction per batch ({@link StatusRows}). A failed batch is
 * retried with backoff and never dropped while the process lives; {@link #close()} writes what is
 * still queued. The status tables are soft state: these writes bump no revision and reload nothing.
 *
 * <p>Must be closed, before the store.
 */
public final class HealthRecorder implements HealthListener, AutoCloseable {
    private static final Logger LOG = System.getLogger(HealthRecorder.class.getName());
    private static final int MAX_BATCH = 200;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Store store;
    private final LinkedBlockingQueue<HealthTransition> queue = new LinkedBlockingQueue<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private final Thread worker;
    private volatile boolean closed;

    public HealthRecorder(Store store) {
        this.store = store;
        this.worker = Thread.ofVirtual().name("gproxy-health-recorder").start(this::run);
    }

    /**
     * Called on the request thread: enqueues and returns (the queue is unbounded; edges are rare).
     * After {@link #close()} the write is synchronous, so a late edge still lands.
     */
    @Override
    public void onTransition(HealthTransition transition) {
        offered.incrementAndGet();
        if (closed) {
            write(List.of(transition));
            return;
        }
        queue.add(transition);
    }

    /** Waits until every transition offered before this call is written, up to {@code timeout}. */
    public boolean flush(Duration timeout) {
        long target = offered.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (settled.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the worker once it has written what was queued, then writes anything offered late
     * (the server has drained by now, so little is). Not interrupted mid-write: an interrupt would
     * fail the JDBC call it lands in.
     */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<HealthTransition> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (rest.isEmpty()) {
            return;
        }
        try {
            write(rest);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "shutting down: " + rest.size() + " health transitions not persisted: "
                    + e.getMessage());
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            try {
                HealthTransition first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<HealthTransition> batch = new ArrayList<>(List.of(first));
                queue.drainTo(batch, MAX_BATCH - 1);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // close() writes what is left
            }
        }
    }

    /** Retries until written; once closing, one last try, then the batch is reported lost. */
    private void writeWithRetry(List<HealthTransition> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    LOG.log(Level.ERROR, "shutting down: " + batch.size() + " health transitions not persisted: "
                            + e.getMessage());
                    settle(batch.size());
                    return;
                }
                LOG.log(Level.WARNING, "persisting " + batch.size() + " health transitions failed, retrying in "
                        + backoff + " ms: " + e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void write(List<HealthTransition> batch) {
        store.write(tx -> {
            batch.forEach(t -> StatusRows.upsert(tx, t));
            return null;
        });
        settle(batch.size());
    }

    private void settle(int n) {
        lock.lock();
        try {
            settled.addAndGet(n);
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
