package gproxy.billing;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import gproxy.error.GatewayException;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * The durable intent writer (DESIGN §4.1), by group commit: {@link #record} queues the intent and
 * parks its caller until the batch holding it is committed, so concurrent requests share one
 * transaction (one fsync). Intents of requests that end without a usage row (a replayed error, no
 * candidate answered) are cancelled: their deletes ride along with the next batch, unparked.
 * Bounded: a full queue parks callers until the writer catches up.
 *
 * <p>Must be closed, after the listener has drained: closing writes what is still queued.
 */
public final class Intents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Intents.class.getName());
    private static final Duration IDLE_POLL = Duration.ofMillis(20);

    private record Waiting(Row row, CompletableFuture<Void> committed) {
    }

    private final Store store;
    private final long instanceId;
    private final Clock clock;
    private final int maxBatch;
    private final ArrayBlockingQueue<Waiting> queue;
    private final ConcurrentLinkedQueue<String> cancelled = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread worker;
    private volatile boolean closed;

    public Intents(Store store, long instanceId, Clock clock, int maxBatch, int capacity) {
        if (capacity < maxBatch) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= max batch " + maxBatch + ")");
        }
        this.store = store;
        this.instanceId = instanceId;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = Thread.ofPlatform().daemon().name("gproxy-intent-writer").start(this::run);
    }

    /**
     * Returns once the intent is durable. A store that cannot take it is a 503: the upstream is not
     * called for a request whose usage could be lost.
     */
    public Recorded record(Intent intent) {
        Waiting waiting = new Waiting(intent.row(instanceId, clock.instant().getEpochSecond()), new CompletableFuture<>());
        try {
            queue.put(waiting);
            if (closed) {
                drain(); // the worker may be gone: write it ourselves (see close)
            }
            waiting.committed().get();
            return new Recorded(this, intent.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        }
    }

    /** Stops the worker and writes what is still queued, cancellations included. */
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

    private void run() {
        while (!closed) {
            try {
                Waiting first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                List<Waiting> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                }
                if (!write(batch)) {
                    Thread.sleep(200); // the store is down: do not spin on the cancels left to retry
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drain() {
        while (!queue.isEmpty() || !cancelled.isEmpty()) {
            List<Waiting> batch = new ArrayList<>();
            queue.drainTo(batch, maxBatch);
            if (!write(batch)) {
                return; // the store is down: the waiting callers got their 503, the cancels stay
            }
        }
    }

    /** One transaction: the batch's intents in, the cancelled ones out. False when it failed. */
    private boolean write(List<Waiting> batch) {
        writing.lock();
        List<String> cancels = new ArrayList<>();
        try {
            for (String id = cancelled.poll(); id != null && cancels.size() < maxBatch; id = cancelled.poll()) {
                cancels.add(id);
            }
            if (batch.isEmpty() && cancels.isEmpty()) {
                return true;
            }
            store.appendAndDelete(Schema.USAGE_INTENTS, batch.stream().map(Waiting::row).toList(),
                    Schema.USAGE_INTENTS, "request_id", cancels);
            batch.forEach(w -> w.committed().complete(null));
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "writing " + batch.size() + " usage intents failed: " + e.getMessage());
            batch.forEach(w -> w.committed().completeExceptionally(e));
            cancelled.addAll(cancels); // retried with the next batch
            return false;
        } finally {
            writing.unlock();
        }
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
            if (!handedOver) {
                owner.cancel(requestId);
            }
        }
    }
}
