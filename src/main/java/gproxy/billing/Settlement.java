package gproxy.billing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import gproxy.access.Admitted;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.SseEvent;

/**
 * The settlement guard of one answered request (STYLE "The settlement guard", features §6.7). It sees
 * the upstream's answer as it is relayed ({@link #observe}, {@link #observeBody}) and settles exactly
 * once: {@link #complete()} as {@code complete}, {@link #close()} without it as {@code interrupted}.
 * Settling resolves the usage (upstream, else the counting ladder), prices it, then — in this order —
 * queues the usage row, commits the quota (which releases the pending estimate) and feeds the token
 * counters. A step that fails is logged and the rest still run: the response is never failed by its
 * own accounting. When the usage must be counted by a ladder that may call the upstream's count-tokens
 * endpoint, settling after the first call runs on the {@link Settlements} executor, so neither the
 * client's answer nor the request's thread waits for it; the settlement stays open until it is done.
 *
 * <p>Must be closed; never throws from {@link #close()}. Observing is single-threaded (the relay's).
 */
public final class Settlement implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Settlement.class.getName());

    private final Settlements owner;
    private final Admitted admitted;
    private final Billing billing;
    private final Optional<Price> price;
    private final Optional<UsageExtractor> extractor;
    private final Optional<StreamUsage> stream;
    private final Optional<StreamText> text;
    private final AtomicBoolean settled = new AtomicBoolean();
    private Optional<byte[]> body = Optional.empty();
    /** Null until read: {@link #bodyUsage()}. */
    private Optional<UsageReport> bodyUsage;

    Settlement(Settlements owner, Admitted admitted, Billing billing, Optional<Price> price) {
        this.owner = owner;
        this.admitted = admitted;
        this.billing = billing;
        this.price = price;
        // Content generation is billed from the content dialect's usage; embeddings and images from their
        // own provider-shaped usage (OperationUsage); count tokens is free (features §6.6).
        this.extractor = billed(billing.upstreamKey())
                ? Optional.of(UsageExtractor.of(billing.upstreamKey().kind())) : Optional.empty();
        this.stream = extractor.map(UsageExtractor::stream);
        this.text = extractor.map(e -> new StreamText(billing.upstreamKey().kind()));
    }

    private static boolean billed(OperationKey key) {
        return key.kind().content() && (key.operation() == Operation.GENERATE_CONTENT
                || key.operation() == Operation.STREAM_GENERATE_CONTENT);
    }

    /** One upstream event; false when it is not to be passed on (the usage-only chunk nobody asked for). */
    public boolean observe(SseEvent event) {
        try {
            stream.ifPresent(s -> s.observe(event));
            text.ifPresent(t -> t.observe(event));
            return !(billing.stripUsageChunk() && StreamOptions.isUsageOnlyChunk(event));
        } catch (RuntimeException e) {
            // an event the extractors cannot read is relayed as it is; the ladder counts what was seen
            LOG.log(System.Logger.Level.DEBUG, "request " + billing.requestId() + ": unreadable event: " + e);
            return true;
        }
    }

    /** A buffered answer's whole body, as relayed. */
    public void observeBody(byte[] whole) {
        body = Optional.of(whole);
    }

    /** The answer reached the client whole: settles as {@code complete}. */
    public void complete() {
        settle(Ended.COMPLETE);
    }

    /** Settles as {@code interrupted} unless already settled. */
    @Override
    public void close() {
        settle(Ended.INTERRUPTED);
    }

    private void settle(Ended ended) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        // A count that may call the upstream (up to 5 s) must not hold the client's response end or the
        // request's thread: it runs on the settlement executor. Exactly once still: the flag is taken.
        if (countsUpstream() && owner.defer(() -> finish(ended))) {
            return;
        }
        finish(ended);
    }

    /** Whether the usage is left to a ladder that may reach the answering provider's count-tokens call. */
    private boolean countsUpstream() {
        try {
            if (extractor.isEmpty() || !owner.ladder().mayAskUpstream(billing.upstreamModel(), billing.countTokens())) {
                return false;
            }
            if (body.isPresent()) {
                return bodyUsage().isEmpty();
            }
            return !(stream.map(StreamUsage::trusted).orElse(false) && stream.flatMap(StreamUsage::report).isPresent());
        } catch (RuntimeException e) {
            return false; // settled inline, where usage() meets the same failure and the guard logs it
        }
    }

    /** The usage a buffered answer's body reports, read once. */
    private Optional<UsageReport> bodyUsage() {
        if (bodyUsage == null) {
            bodyUsage = extractor.orElseThrow().fromBody(body.orElseThrow());
        }
        return bodyUsage;
    }

    private void finish(Ended ended) {
        try {
            UsageReport usage = usage();
            long cost = Cost.of(usage, price);
            step("usage row", () -> owner.write(UsageRows.of(billing, admitted.caller(), usage, cost, ended,
                    owner.now())));
            step("quota commit", () -> admitted.reservation().commit(cost,
                    tx -> Intents.markCharged(tx, billing.requestId(), cost)));
            step("rate-limit tokens", () -> admitted.recordTokens(usage.totalTokens()));
            step("credential tokens", () -> owner.recordCredentialTokens(billing.credentialId(), usage.totalTokens()));
            step("metrics", () -> owner.observe(usage));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + billing.requestId() + " could not be settled", e);
        } finally {
            admitted.reservation().close();
            owner.settled();
        }
    }

    private UsageReport usage() {
        Operation operation = billing.upstreamKey().operation();
        if (operation == Operation.CREATE_EMBEDDING) {
            return body.flatMap(OperationUsage::embedding).orElseGet(() -> owner.ladder().countInput(
                    CountRequest.input(billing.upstreamModel(), billing.upstreamBody())));
        }
        if (operation == Operation.CREATE_IMAGE) {
            return body.flatMap(OperationUsage::image).orElse(UsageReport.zero(UsageSource.UPSTREAM));
        }
        if (extractor.isEmpty()) {
            return UsageReport.zero(UsageSource.UPSTREAM);
        }
        Optional<UsageReport> reported;
        boolean trusted;
        if (body.isPresent()) {
            reported = bodyUsage();
            trusted = true;
        } else {
            reported = stream.flatMap(StreamUsage::report);
            trusted = stream.map(StreamUsage::trusted).orElse(false);
        }
        if (trusted && reported.isPresent()) {
            // the common case: the upstream said it; counting would parse the request and answer again
            return reported.get();
        }
        StreamText produced = body.isPresent() ? StreamText.ofBody(billing.upstreamKey().kind(), body.get())
                : text.orElseThrow();
        return owner.ladder().resolve(reported, trusted,
                CountRequest.of(billing.upstreamModel(), billing.upstreamBody(), produced), billing.countTokens());
    }

    private void step(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + billing.requestId() + ": " + name + " failed: " + e);
        }
    }
}
