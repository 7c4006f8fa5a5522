package gproxy.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * <p>Must be closed, after the listener has drained: closing writes every queued usage row.
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

    private final AppendQueue rows;
    private final UsageLadder ladder;
    private final CredentialTokens credentialTokens;
    private final java.util.function.Consumer<UsageReport> settledUsage;
    private final Clock clock;
    private final AtomicReference<Priced> prices = new AtomicReference<>();
    private final AtomicInteger open = new AtomicInteger();

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
    }

    /** The pre-charge of a request whose first candidate is {@code providerId}'s {@code upstreamModel}. */
    public long estimate(Snapshot snapshot, long providerId, String upstreamModel, byte[] body) {
        return Estimate.of(new String(body, StandardCharsets.UTF_8).length(), prices(snapshot).match(providerId, upstreamModel));
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

    /** Writes every usage row queued so far (usage reads, tests, shutdown). */
    public void flush() {
        rows.flush();
    }

    @Override
    public void close() {
        rows.close();
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
