package gproxy.billing;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import gproxy.error.GatewayException;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * The durable intent writer (DESIGN §4.1), by leader/follower group commit: {@link #record} queues
 * the intent; the first caller to find the writer free becomes the leader and commits everything
 * queued (up to a batch) in one transaction on its own thread, while the others park until the batch
 * holding their intent is committed. When a leader is done, the caller at the head of the queue is
 * woken to lead the next batch, so requests arriving during a commit share the next transaction and
 * no intent waits for a hand-off to another thread. Intents of requests that end without a usage row
 * (a replayed error, no candidate answered) are cancelled: their deletes ride along with the next
 * batch, unparked; a background thread writes them (and anything left queued) when no request does.
 * Bounded: a full queue parks callers until a leader catches up.
 *
 * <p>Must be closed, after the listener has drained: closing writes what is still queued.
 */
public final class Intents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Intents.class.getName());
    private static final Duration IDLE_POLL = Duration.ofMillis(20);
    /** A follower re-checks this often even unwoken: a safety net, not the path that wakes it. */
    private static final long FOLLOWER_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration COMMIT_DELAY = Duration.ofNanos(200_000); // 200 µs
    /** Requests with a recorded intent still open, besides the leader's, for the commit delay to apply. */
    private static final int COMMIT_SIBLINGS = 3;

    private static final class Waiting {
        private final Row row;
        private final Thread thread = Thread.currentThread();
        private volatile boolean done;
        private volatile RuntimeException failure;

        private Waiting(Row row) {
            this.row = row;
        }

        private void finish(RuntimeException failed) {
            failure = failed;
            done = true;
            if (thread != Thread.currentThread()) {
                LockSupport.unpark(thread);
            }
        }
    }

    private final Store store;
    private final long instanceId;
    private final Clock clock;
    private final int maxBatch;
    private final ArrayBlockingQueue<Waiting> queue;
    private final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread worker;
    private final AtomicInteger open = new AtomicInteger();
    private final long commitDelayNanos;
    private volatile boolean closed;

    public Intents(Store store, long instanceId, Clock clock, int maxBatch, int capacity) {
        this(store, instanceId, clock, maxBatch, capacity, COMMIT_DELAY);
    }

    Intents(Store store, long instanceId, Clock clock, int maxBatch, int capacity, Duration commitDelay) {
        if (capacity < maxBatch) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= max batch " + maxBatch + ")");
        }
        this.store = store;
        this.instanceId = instanceId;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.commitDelayNanos = commitDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().daemon().name("gproxy-intent-writer").start(this::run);
    }

    /**
     * Returns once the intent is durable (committed, on the caller's thread or by the leader of the
     * batch that held it). A store that cannot take it is a 503: the upstream is not called for a
     * request whose usage could be lost.
     */
    public Recorded record(Intent intent) {
        Waiting waiting = new Waiting(intent.row(instanceId, clock.instant().getEpochSecond()));
        try {
            queue.put(waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
        while (!waiting.done) {
            if (writing.tryLock()) {
                try {
                    if (!waiting.done) {
                        delayForSiblings();
                        List<Waiting> batch = new ArrayList<>();
                        queue.drainTo(batch, maxBatch);
                        write(batch);
                    }
                } finally {
                    writing.unlock();
                }
                promoteNext();
            } else {
                LockSupport.parkNanos(this, FOLLOWER_PARK_NANOS);
                if (Thread.interrupted() && !waiting.done) {
                    Thread.currentThread().interrupt();
                    throw unavailable(new InterruptedException("waiting for the usage intent's commit"));
                }
            }
        }
        if (waiting.failure != null) {
            throw unavailable(waiting.failure);
        }
        open.incrementAndGet();
        return new Recorded(this, intent.requestId());
    }

    /**
     * Records, in the transaction that charges the quota rows for a settled request, what they were
     * charged: a process killed before the request's usage row is written leaves the intent saying so,
     * and start-up bills that instead of charging the quota again. No-op once the usage row replaced
     * the intent.
     */
    public static void markCharged(Store.Tx tx, String requestId, long nanos) {
        for (Row intent : tx.list(Schema.USAGE_INTENTS, Query.where("request_id", requestId))) {
            tx.save(Schema.USAGE_INTENTS, Row.of(java.util.Map.of("id", intent.requireId(), "quota_charged", nanos)));
        }
    }

    /** Stops the background writer and writes what is still queued, cancellations included. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }

    void cancel(String requestId) {
        cancelled.add(requestId);
        if (closed) {
            drain();
        }
    }

    /**
     * Group commit with a commit delay, as PostgreSQL's {@code commit_delay}/{@code commit_siblings}:
     * when enough other requests are between their intent and their end, the leader waits
     * {@link #COMMIT_DELAY} before taking its batch, so the intents that arrive meanwhile share
     * its transaction. Without it, requests arriving one by one (the usual case: each spends most of
     * its time on its upstream call) each paid a whole transaction; with it, a busy gateway spends
     * about half the CPU per intent (bench/src/IntentBench.java), at 0.2 ms of latency under load. A
     * lone request never waits.
     */
    private void delayForSiblings() {
        if (open.get() >= COMMIT_SIBLINGS && queue.size() < maxBatch) {
            LockSupport.parkNanos(this, commitDelayNanos);
        }
    }

    /** Wakes the caller at the head of the queue to lead the next batch (called without the lock). */
    private void promoteNext() {
        Waiting next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.thread);
        }
    }

    /** The background writer: cancellations when no request carries them, and a safety net. */
    private void run() {
        Waiting seen = null;
        while (!closed) {
            try {
                Thread.sleep(IDLE_POLL);
                Waiting head = queue.peek();
                boolean stuck = head != null && head == seen; // at the head for a whole poll: lead it
                seen = head;
                if ((!stuck && cancelled.isEmpty()) || !writing.tryLock()) {
                    continue;
                }
                boolean written;
                try {
                    List<Waiting> batch = new ArrayList<>();
                    if (stuck) {
                        queue.drainTo(batch, maxBatch);
                    }
                    written = write(batch);
                } finally {
                    writing.unlock();
                }
                promoteNext();
                if (!written) {
                    Thread.sleep(200); // the store is down: do not spin on the cancels left to retry
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drain() {
        while (!queue.isEmpty() || !cancelled.isEmpty()) {
            writing.lock();
            try {
                List<Waiting> batch = new ArrayList<>();
                queue.drainTo(batch, maxBatch);
                if (!write(batch)) {
                    return; // the store is down: the waiting callers got their 503, the cancels stay
                }
            } finally {
                writing.unlock();
            }
        }
    }

    /** One transaction, under {@link #writing}: the batch's intents in, the cancelled ones out. False when it failed. */
    private boolean write(List<Waiting> batch) {
        List<String> cancels = new ArrayList<>();
        while (cancels.size() < maxBatch) { // the size first: a polled id must not be dropped
            String id = cancelled.poll();
            if (id == null) {
                break;
            }
            cancels.add(id);
        }
        if (batch.isEmpty() && cancels.isEmpty()) {
            return true;
        }
        try {
            store.appendAndDelete(Schema.USAGE_INTENTS, batch.stream().map(w -> w.row).toList(),
                    Schema.USAGE_INTENTS, "request_id", cancels);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "writing " + batch.size() + " usage intents failed: " + e.getMessage());
            batch.forEach(w -> w.finish(e));
            cancelled.addAll(cancels); // retried with the next batch
            return false;
        }
        batch.forEach(w -> w.finish(null));
        return true;
    }

    private static GatewayException unavailable(Throwable cause) {
        return new GatewayException(503, "usage_store_unavailable", "the request could not be recorded for billing; "
                + "retry later", cause);
    }

    /**
     * A durable intent. Must be closed: unless {@link #handOver()} ran, closing cancels it (the request
     * ended without a usage row). After a hand-over the usage row's write removes it.
     */
    public static final class Recorded implements AutoCloseable {
        private final Intents owner;
        private final String requestId;
        private boolean handedOver;

        private Recorded(Intents owner, String requestId) {
            this.owner = owner;
            this.requestId = requestId;
        }

        /** The request is answered: its settlement's usage row replaces the intent. */
        public void handOver() {
            handedOver = true;
        }

        @Override
        public void close() {
            owner.open.decrementAndGet();
            if (!handedOver) {
                owner.cancel(requestId);
            }
        }
    }
}
