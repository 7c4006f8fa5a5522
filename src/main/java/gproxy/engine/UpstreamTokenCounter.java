package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import gproxy.billing.CountRequest;
import gproxy.billing.TokenCounter;
import gproxy.channel.Channel;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.CredentialSecret;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.security.SecretBox;
import gproxy.snapshot.Snapshot;
import gproxy.store.Schema;
import io.helidon.http.WritableHeaders;

/**
 * The counting ladder's upstream rung (reference §8): the answering provider's own count-tokens
 * endpoint, through the same channel preparation and credential as the call it counts, with no user
 * pipeline, quota or permission check, and no effect on health. At most {@link #MAX_CONCURRENT}
 * counts run at once in the process, and each one — waiting for a permit included — gets
 * {@link #TIMEOUT} in all; a count that cannot finish in time answers empty and the ladder goes on.
 *
 * <p>{@link #bind} captures what the count needs when the settlement opens (the snapshot may change
 * later); the credential's secret stays sealed until a count is actually made.
 */
public final class UpstreamTokenCounter {
    public static final int MAX_CONCURRENT = 4;
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = System.getLogger(UpstreamTokenCounter.class.getName());
    private static final int MAX_ANSWER = 64 * 1024;

    private final ChannelRegistry channels;
    private final UpstreamClient client;
    private final SecretBox secrets;
    private final Semaphore permits;
    private final Duration timeout;

    public UpstreamTokenCounter(ChannelRegistry channels, UpstreamClient client, SecretBox secrets) {
        this(channels, client, secrets, MAX_CONCURRENT, TIMEOUT);
    }

    UpstreamTokenCounter(ChannelRegistry channels, UpstreamClient client, SecretBox secrets, int concurrency,
                         Duration timeout) {
        this.channels = channels;
        this.client = client;
        this.secrets = secrets;
        this.permits = new Semaphore(concurrency);
        this.timeout = timeout;
    }

    /** A counter for calls answered by {@code candidate} in {@code upstreamKind}; {@link TokenCounter#NONE} when it cannot count. */
    public TokenCounter bind(Snapshot snapshot, Candidate candidate, Kind upstreamKind) {
        Optional<CountTokensBodies> shape = CountTokensBodies.of(upstreamKind);
        Optional<Channel> channel = channels.find(candidate.provider().channel());
        Optional<String> sealed = snapshot.sealedSecret(candidate.credential().id());
        if (shape.isEmpty() || channel.isEmpty() || sealed.isEmpty()) {
            return TokenCounter.NONE;
        }
        return request -> count(new Bound(candidate, channel.get(), shape.get(), sealed.get()), request);
    }

    private record Bound(Candidate candidate, Channel channel, CountTokensBodies shape, String sealedSecret) {
    }

    private Optional<TokenCounter.TokenCount> count(Bound bound, CountRequest request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<byte[]> input = bound.shape().input(bound.candidate().upstreamModel(), request.requestBody());
        if (input.isEmpty() || !acquire()) {
            return Optional.empty();
        }
        try {
            CredentialSecret secret = CredentialSecret.of(secrets.open(
                    SecretBox.binding(Schema.CREDENTIALS.name(), bound.candidate().credential().id()), bound.sealedSecret()));
            Optional<Long> in = call(bound, secret, input.get(), deadline);
            if (in.isEmpty()) {
                return Optional.empty();
            }
            if (request.outputText().isEmpty()) {
                return Optional.of(new TokenCounter.TokenCount(in.get(), 0));
            }
            Optional<Long> out = call(bound, secret, bound.shape().output(bound.candidate().upstreamModel(),
                    request.outputText()), deadline);
            return out.map(o -> new TokenCounter.TokenCount(in.get(), o));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> bound.candidate() + ": count tokens failed: " + e.getMessage());
            return Optional.empty();
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One count call within what is left of the deadline; empty on any failure or a late answer. */
    private Optional<Long> call(Bound bound, CredentialSecret secret, byte[] body, long deadline) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Candidate candidate = bound.candidate();
        UpstreamRequest prepared = bound.channel().prepare(new PrepareInput(bound.shape().key(),
                candidate.upstreamModel(), body, WritableHeaders.create(), new ProviderSettings(candidate.provider().settings()),
                secret));
        try (UpstreamExchange exchange = client.send(candidate, prepared, left)) {
            if (exchange.status() < 200 || exchange.status() >= 300) {
                LOG.log(Level.DEBUG, () -> candidate + ": count tokens answered " + exchange.status());
                return Optional.empty();
            }
            byte[] answer = exchange.readUpTo(MAX_ANSWER);
            return System.nanoTime() > deadline ? Optional.empty() : bound.shape().answer(answer);
        }
    }
}
