package gproxy.billing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import gproxy.access.Admitted;
import gproxy.snapshot.Snapshot;
import gproxy.store.AppendQueue;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * The long-lived half of settlement, one per process: the usage-row writer (batched, bounded, at most
 * one row per request id, flushed by {@link #close()}), the counting ladder, the credential token
 * counters and each snapshot's {@link PriceBook}. Opens a {@link Settlement} per answered request.
 *
 * <p>Settlements whose usage may need the upstream's count-tokens call finish on a bounded executor
 * ({@link #WORKERS} virtual threads, {@link #DEFERRED} queued); when it is full, the request's own
 * thread settles, as backpressure.
 *
 * <p>Must be closed, after the listener has drained: closing waits for the settlements still running
 * on the executor, then writes every queued usage row.
 */
public final class Settlements implements AutoCloseable {
    /** A credential's minute token counter; {@code CredentialBudgets::recordTokens}. */
    @FunctionalInterface
    public interface CredentialTokens {
        void record(long credentialId, long tokens);
    }

    private record Priced(Snapshot snapshot, PriceBook book) {
    }

    private static final int BATCH = 500;
    private static final Duration INTERVAL = Duration.ofMillis(50);
    /** Rows waiting for the writer before settling requests wait instead (features §6.7 backlog). */
    private static final int BACKLOG = 10_000;
    /** More than the count-tokens rung's own limit (4 at once), so a local count never queues behind it. */
    static final int WORKERS = 16;
    static final int DEFERRED = 4_096;
    /** Longer than one count-tokens call may take (5 s), permit wait included. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(12);
    private static final System.Logger LOG = System.getLogger(Settlements.class.getName());

    private final AppendQueue rows;
    private final UsageLadder ladder;
    private final CredentialTokens credentialTokens;
    private final java.util.function.Consumer<UsageReport> settledUsage;
    private final Clock clock;
    private final AtomicReference<Priced> prices = new AtomicReference<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor deferred = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(DEFERRED), Thread.ofVirtual().name("gproxy-settlement-", 0).factory(),
            new ThreadPoolExecutor.AbortPolicy());

    public Settlements(Store store, UsageLadder ladder, CredentialTokens credentialTokens, Clock clock) {
        this(store, ladder, credentialTokens, usage -> { }, clock);
    }

    /** @param settledUsage told every settled request's usage (metrics); must be cheap and not throw */
    public Settlements(Store store, UsageLadder ladder, CredentialTokens credentialTokens,
                       java.util.function.Consumer<UsageReport> settledUsage, Clock clock) {
        // a usage row replaces its request's intent in the same transaction (DESIGN §4.1)
        this.rows = AppendQueue.replacing(store, BATCH, INTERVAL, BACKLOG, "gproxy-usage-writer",
                new AppendQueue.Replaces(Schema.USAGE_INTENTS, "request_id"), UsageRollups.ALL);
        this.ladder = ladder;
        this.credentialTokens = credentialTokens;
        this.settledUsage = settledUsage;
        this.clock = clock;
        deferred.allowCoreThreadTimeOut(true);
    }

    /** The pre-charge of a request whose first candidate is {@code providerId}'s {@code upstreamModel}. */
    public long estimate(Snapshot snapshot, long providerId, String upstreamModel, int bodyCharacters) {
        return Estimate.of(bodyCharacters, prices(snapshot).match(providerId, upstreamModel));
    }

    /**
     * The input tokens of a request the gateway answers itself (routing rule {@code local} for count
     * tokens): the ladder's local rungs, exact for GPT-family models, otherwise the estimate.
     */
    public UsageReport countLocally(String model, byte[] body) {
        return ladder.countInput(CountRequest.input(model, body));
    }

    /** The guard of one answered request; the price is the answering provider's, as of {@code snapshot}. */
    public Settlement open(Snapshot snapshot, Admitted admitted, Billing billing) {
        Optional<Price> price = prices(snapshot).match(billing.providerId(), billing.upstreamModel());
        open.incrementAndGet();
        return new Settlement(this, admitted, billing, price);
    }

    /** Settlements opened and not yet settled: 0 when idle, or one leaked. */
    public int openSettlements() {
        return open.get();
    }

    /** Usage rows queued and not yet written: the settlement backlog. */
    public long pending() {
        return rows.pending();
    }

    /**
     * Writes every usage row queued so far (usage reads, tests, shutdown), after the deferred
     * settlements running now have queued theirs (waiting at most {@link #FLUSH_WAIT} for them).
     */
    public void flush() {
        CompletableFuture<?>[] now = running.toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(now).get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "flushing without the deferred settlements still counting: " + e);
        }
        rows.flush();
    }

    /**
     * Waits for the deferred settlements (each is bounded: a count gets 5 s), then writes every queued
     * usage row. Should the wait still not end, the counts are interrupted — they fall to the estimate —
     * and whatever had not started settles here.
     */
    @Override
    public void close() {
        deferred.shutdown();
        try {
            if (!deferred.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.log(System.Logger.Level.WARNING, "deferred settlements still running at shutdown: interrupting "
                        + "their counts");
                deferred.shutdownNow().forEach(Runnable::run);
                deferred.awaitTermination(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rows.close();
    }

    /** Runs the rest of a settlement on the executor; false when it cannot take it (full, or shut down). */
    boolean defer(Runnable settling) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.add(done);
        try {
            deferred.execute(() -> {
                try {
                    settling.run();
                } finally {
                    running.remove(done);
                    done.complete(null);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(done);
            return false;
        }
    }

    PriceBook prices(Snapshot snapshot) {
        Priced priced = prices.get();
        if (priced != null && priced.snapshot() == snapshot) {
            return priced.book();
        }
        PriceBook book = PriceBook.of(snapshot);
        prices.set(new Priced(snapshot, book));
        return book;
    }

    UsageLadder ladder() {
        return ladder;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    void write(Row row) {
        rows.offer(Schema.USAGES, row);
    }

    void recordCredentialTokens(long credentialId, long tokens) {
        credentialTokens.record(credentialId, tokens);
    }

    void observe(UsageReport usage) {
        settledUsage.accept(usage);
    }

    void settled() {
        open.decrementAndGet();
    }
}
