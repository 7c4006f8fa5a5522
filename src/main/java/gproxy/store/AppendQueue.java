package gproxy.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batched background appends for log tables (audit, request logs): callers enqueue and return at
 * once; one writer thread groups rows per table and appends them in batches. A failed batch is
 * retried with backoff, never dropped while the process lives. {@link #close()} drains the queue,
 * so a graceful shutdown writes everything that was queued.
 *
 * <p>Must be closed.
 */
public final class AppendQueue implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AppendQueue.class.getName());

    /** Tries at shutdown before a batch that keeps failing is reported as lost. */
    private static final int FINAL_ATTEMPTS = 5;

    private record Pending(Table table, Row row) {
    }

    private final Store store;
    private final int maxBatch;
    private final Duration interval;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong written = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;

    public AppendQueue(Store store, int maxBatch, Duration interval) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.interval = interval;
        this.worker = Thread.ofPlatform().daemon().name("gproxy-append-queue").start(this::run);
    }

    public void offer(Table table, Row row) {
        if (closed) {
            // Late writes after close still land, synchronously.
            store.append(table, List.of(row));
            written.incrementAndGet();
            return;
        }
        queue.add(new Pending(table, row));
    }

    /** Writes everything queued so far before returning. */
    public void flush() {
        while (!queue.isEmpty()) {
            drainOnce(true);
        }
    }

    public long pending() {
        return queue.size();
    }

    public long written() {
        return written.get();
    }

    /**
     * Stops the writer and writes what is still queued. The worker is not interrupted: an interrupt
     * landing inside a JDBC write could fail a batch that would otherwise have been written. It sees
     * {@code closed} within one poll interval and finishes the batch in hand.
     */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10) + interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void run() {
        while (!closed) {
            try {
                Pending first = queue.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Pending> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    writeWithRetry(batch);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drainOnce(boolean finalAttempt) {
        List<Pending> batch = new ArrayList<>();
        queue.drainTo(batch, maxBatch);
        if (batch.isEmpty()) {
            return;
        }
        if (!finalAttempt) {
            writeWithRetry(batch);
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == FINAL_ATTEMPTS) {
                    LOG.log(Level.ERROR, batch.size() + " log rows could not be written at shutdown: "
                            + e.getMessage());
                    return;
                }
                pause(attempt * 200L);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeWithRetry(List<Pending> batch) {
        long backoffMillis = 100;
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "append of " + batch.size() + " log rows failed, retrying in "
                        + backoffMillis + " ms: " + e.getMessage());
                if (closed) {
                    // close() writes what is queued, with its own retries: hand the rows back
                    batch.forEach(queue::add);
                    return;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    // closing: put the rows back so close() writes them
                    batch.forEach(queue::add);
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private void write(List<Pending> batch) {
        writing.lock();
        try {
            Map<Table, List<Row>> byTable = new LinkedHashMap<>();
            for (Pending p : batch) {
                byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p.row());
            }
            byTable.forEach(store::append);
            written.addAndGet(batch.size());
        } finally {
            writing.unlock();
        }
    }
}
