package gproxy.store;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batched background appends for log tables (audit, request logs): callers enqueue and return at
 * once; one writer thread groups rows per table and appends them in batches. A failed batch is
 * retried with backoff, never dropped while the process lives. {@link #close()} drains the queue,
 * so a graceful shutdown writes everything that was queued.
 *
 * <p>{@link #idempotent} makes a queue for rows keyed by a unique column (usage rows by request id):
 * it is bounded, so a writer that falls behind makes {@link #offer} wait rather than grow memory, and
 * a retried batch that had in fact committed skips the rows already stored instead of failing forever.
 *
 * <p>Must be closed.
 */
public final class AppendQueue implements AutoCloseable {
    private static final Logger LOG = System.getLogger(AppendQueue.class.getName());

    /** Tries at shutdown before a batch that keeps failing is reported as lost. */
    private static final int FINAL_ATTEMPTS = 5;
    /** How long a flush waits for the writer's batch in hand. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
    /**
     * How long the writer lets rows gather after the first one before it writes them. Without it, a
     * writer that keeps up takes the rows one or two at a time, and every row pays for a whole
     * transaction (statements prepared, the rollup upserts, the commit) and holds SQLite's write lock
     * that the intent commits of waiting requests need. Rows wait in memory no longer than this before
     * their write starts; {@link #flush} writes the others at once and waits for the one in hand.
     */
    private static final Duration LINGER = Duration.ofMillis(20);

    private record Pending(Table table, Row row) {
    }

    /**
     * Placeholder rows an appended row replaces: those of {@code table} whose {@code column} holds the
     * appended row's value of the same column (the intent of a usage row's request).
     */
    public record Replaces(Table table, String column) {
    }

    private final Store store;
    private final int maxBatch;
    private final Duration interval;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Rows queued or being written hold a permit: the bound, without limiting rows handed back for a retry. */
    private final Semaphore room;
    private final boolean ignoreDuplicates;
    private final Optional<Replaces> replaces;
    private final List<Accumulation> accumulations;
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong written = new AtomicLong();
    /** Rows handed to the queue, and those of them written or given up at shutdown: flush waits for the gap. */
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Thread worker;
    private volatile boolean closed;

    public AppendQueue(Store store, int maxBatch, Duration interval) {
        this(store, maxBatch, interval, Integer.MAX_VALUE, false, Optional.empty(), List.of(), "gproxy-append-queue");
    }

    private AppendQueue(Store store, int maxBatch, Duration interval, int capacity, boolean ignoreDuplicates,
                        Optional<Replaces> replaces, List<Accumulation> accumulations, String name) {
        if (capacity < maxBatch) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= max batch " + maxBatch + ")");
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.interval = interval;
        this.room = new Semaphore(capacity);
        this.ignoreDuplicates = ignoreDuplicates;
        this.replaces = replaces;
        this.accumulations = List.copyOf(accumulations);
        this.worker = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /**
     * A bounded queue of plain appends (request logs): a writer that falls behind makes {@link #offer}
     * wait rather than grow memory. Rows have no unique key, so a retried batch that had in fact
     * committed may be written twice; logs accept that, usage rows use {@link #idempotent}.
     */
    public static AppendQueue bounded(Store store, int maxBatch, Duration interval, int capacity, String name) {
        return new AppendQueue(store, maxBatch, interval, capacity, false, Optional.empty(), List.of(), name);
    }

    /** A bounded queue whose rows are written at most once per unique key (see the class comment). */
    public static AppendQueue idempotent(Store store, int maxBatch, Duration interval, int capacity, String name) {
        return new AppendQueue(store, maxBatch, interval, capacity, true, Optional.empty(), List.of(), name);
    }

    /**
     * As {@link #idempotent}; each batch also deletes, in its own transaction, the rows its rows replace,
     * so a placeholder disappears exactly when the row standing for it is durable.
     */
    public static AppendQueue replacing(Store store, int maxBatch, Duration interval, int capacity, String name,
                                        Replaces replaces) {
        return replacing(store, maxBatch, interval, capacity, name, replaces, List.of());
    }

    /**
     * As {@link #replacing(Store, int, Duration, int, String, Replaces)}; each batch also adds its new rows
     * (those whose {@code replaces} column value was not stored yet) into the {@code accumulations}, in
     * the same transaction, so a batch retried after it did commit is not counted twice.
     */
    public static AppendQueue replacing(Store store, int maxBatch, Duration interval, int capacity, String name,
                                        Replaces replaces, List<Accumulation> accumulations) {
        return new AppendQueue(store, maxBatch, interval, capacity, true, Optional.of(replaces), accumulations, name);
    }

    public void offer(Table table, Row row) {
        if (closed) {
            // Late writes after close still land, synchronously.
            append(table, List.of(row));
            written.incrementAndGet();
            return;
        }
        try {
            // backpressure: a full queue parks the (virtual) caller until the writer catches up
            room.acquire();
            enqueued.incrementAndGet();
            queue.add(new Pending(table, row));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            append(table, List.of(row));
            written.incrementAndGet();
        }
    }

    private void append(Table table, List<Row> rows) {
        if (replaces.isPresent()) {
            Replaces r = replaces.get();
            List<String> keys = rows.stream().flatMap(row -> row.optionalText(r.column()).stream()).toList();
            store.appendAndDelete(table, rows, r.table(), r.column(), keys, accumulations);
            return;
        }
        if (ignoreDuplicates) {
            store.appendIgnoringDuplicates(table, rows);
        } else {
            store.append(table, rows);
        }
    }

    /**
     * Writes everything queued before this call, including the batch the writer has in hand, before
     * returning (a read then sees every row offered before it). A failed write hands its rows back to
     * the writer, which keeps retrying, and returns; so does a writer still busy after {@code FLUSH_WAIT}.
     * Nothing is dropped.
     */
    public void flush() {
        long target = enqueued.get();
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (settled.get() < target && System.nanoTime() < deadline) {
            List<Pending> batch = new ArrayList<>();
            queue.drainTo(batch, maxBatch);
            if (batch.isEmpty()) {
                // the rest is in the writer's hands: its batch commits or goes back to the queue
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                continue;
            }
            try {
                write(batch);
            } catch (RuntimeException e) {
                batch.forEach(queue::add);
                LOG.log(Level.WARNING, "flush of " + batch.size() + " log rows failed; the writer retries: "
                        + e.getMessage());
                return;
            }
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
        while (!queue.isEmpty()) {
            drainOnce(true);
        }
    }

    private void run() {
        while (!closed) {
            try {
                Pending first = queue.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    if (queue.size() < maxBatch - 1 && !closed) {
                        linger(); // gather a batch: a transaction per row or two costs far more than the rows
                    }
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

    /** Waits {@code LINGER}; an interrupt ends the wait, not the batch in hand (the next poll sees it). */
    private static void linger() {
        try {
            Thread.sleep(LINGER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                    room.release(batch.size());
                    settled.addAndGet(batch.size());
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
            byTable.forEach(this::append);
            written.addAndGet(batch.size());
            settled.addAndGet(batch.size());
            room.release(batch.size());
        } finally {
            writing.unlock();
        }
    }
}
