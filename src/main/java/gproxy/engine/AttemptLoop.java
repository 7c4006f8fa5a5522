package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import gproxy.channel.Channel;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.CredentialSecret;
import gproxy.channel.Disposition;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.UpstreamRequest;
import gproxy.error.GatewayException;
import gproxy.protocol.JsonPeek;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.security.SecretBox;
import gproxy.snapshot.Snapshot;
import gproxy.store.Schema;

/**
 * Tries a request's candidates in order until one answers (features §5.5): each candidate is first
 * admitted — minute budget, health, a secret that opens, a decision this build can carry out — and
 * a candidate that is not admitted is skipped without spending an attempt. An attempt's answer is
 * classified by its channel; {@link RetryPolicy} says whether to go on.
 */
public final class AttemptLoop {
    private static final Logger LOG = System.getLogger(AttemptLoop.class.getName());
    /** Error bodies are read whole to classify and replay them; larger ones are cut. */
    private static final int MAX_ERROR_BODY = 1024 * 1024;

    private final ChannelRegistry channels;
    private final Health health;
    private final CredentialBudgets budgets;
    private final RetryPolicy policy;
    private final UpstreamClient client;
    private final SecretBox secrets;

    public AttemptLoop(ChannelRegistry channels, Health health, CredentialBudgets budgets, RetryPolicy policy,
                       UpstreamClient client, SecretBox secrets) {
        this.channels = channels;
        this.health = health;
        this.budgets = budgets;
        this.policy = policy;
        this.client = client;
        this.secrets = secrets;
    }

    public Attempted run(Snapshot snapshot, List<Candidate> candidates, Outbound out) {
        int attempts = 0;
        boolean untranslatable = false;
        Optional<Attempted.Replay> last = Optional.empty();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (!passthrough(candidate, out.key())) {
                untranslatable = true;
                continue;
            }
            Optional<CredentialSecret> secret = admit(snapshot, candidate);
            if (secret.isEmpty()) {
                continue;
            }
            attempts++;
            Result result = attempt(candidate, secret.get(), out);
            if (result.answer().isPresent()) {
                return result.answer().get();
            }
            if (result.replay().isPresent()) {
                last = result.replay();
            }
            RetryDecision decision = policy.decide(attempts, result.disposition(), i + 1 < candidates.size());
            LOG.log(Level.DEBUG, () -> candidate + ": " + decision.reason());
            if (decision instanceof RetryDecision.Stop stop) {
                return stop.returnLast() && last.isPresent() ? last.get() : exhausted(decision.reason());
            }
        }
        if (attempts > 0) {
            // the candidates after the last attempt were all skipped: end as the ladder would have
            return last.filter(r -> r.status() == 429).<Attempted>map(r -> r)
                    .orElseGet(() -> exhausted("no candidate left"));
        }
        return new Attempted.Failed(untranslatable
                ? new GatewayException(501, "unsupported_operation", out.key() + " needs a dialect conversion, "
                        + "which this build does not perform yet")
                : GatewayException.unavailable("no_credentials", "no upstream credential is available right now"));
    }

    /** This build relays same-dialect traffic only; conversions arrive with the translation issue. */
    private static boolean passthrough(Candidate candidate, OperationKey key) {
        return switch (candidate.decision()) {
            case RoutingDecision.Passthrough p -> true;
            case RoutingDecision.TransformTo t -> t.destination().equals(key);
            case RoutingDecision.Local l -> false;
            case RoutingDecision.Unsupported u -> false;
        };
    }

    /** The secret of an admitted candidate; empty means skip it (budget, health, unreadable secret). */
    private Optional<CredentialSecret> admit(Snapshot snapshot, Candidate candidate) {
        if (!budgets.tryAdmit(candidate.credential()).admitted() || !health.tryAcquire(candidate)) {
            return Optional.empty();
        }
        long id = candidate.credential().id();
        try {
            String stored = snapshot.sealedSecret(id).orElseThrow(() -> new IllegalStateException("no secret"));
            return Optional.of(CredentialSecret.of(secrets.open(SecretBox.binding(Schema.CREDENTIALS.name(), id),
                    stored)));
        } catch (RuntimeException e) {
            // the reason only: the exception text of a failed open never carries the secret itself
            LOG.log(Level.WARNING, "credential " + id + " skipped: its secret cannot be used ("
                    + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private record Result(Disposition disposition, Optional<Attempted.Answer> answer,
                          Optional<Attempted.Replay> replay) {
    }

    private Result attempt(Candidate candidate, CredentialSecret secret, Outbound out) {
        long started = System.nanoTime();
        Channel channel = channels.find(candidate.provider().channel())
                .orElseThrow(() -> GatewayException.internal("unknown channel " + candidate.provider().channel(),
                        null));
        try {
            UpstreamRequest request = channel.prepare(new PrepareInput(out.key(), candidate.upstreamModel(),
                    body(candidate, out), out.clientHeaders(), new ProviderSettings(candidate.provider().settings()),
                    secret));
            UpstreamExchange exchange = client.send(candidate, request);
            if (exchange.status() >= 200 && exchange.status() < 300) {
                health.record(candidate, Disposition.SUCCESS, exchange.elapsed());
                return new Result(Disposition.SUCCESS, Optional.of(new Attempted.Answer(exchange)), Optional.empty());
            }
            try (exchange) {
                byte[] error = exchange.readUpTo(MAX_ERROR_BODY);
                Disposition disposition = channel.classify(exchange.status(), exchange.headers(),
                        new String(error, StandardCharsets.UTF_8));
                health.record(candidate, disposition, exchange.elapsed());
                return new Result(disposition, Optional.empty(), Optional.of(new Attempted.Replay(candidate,
                        exchange.status(), exchange.headers(), error)));
            }
        } catch (UpstreamTransportException | GatewayException e) {
            LOG.log(Level.INFO, candidate + " failed: " + e.getMessage());
            health.record(candidate, Disposition.TRANSIENT, Duration.ofNanos(System.nanoTime() - started));
            return new Result(Disposition.TRANSIENT, Optional.empty(), Optional.empty());
        }
    }

    /** Same dialect: only the model is rewritten, and only when the upstream id differs. */
    private static byte[] body(Candidate candidate, Outbound out) {
        if (out.bodyModel().isEmpty() || out.bodyModel().get().equals(candidate.upstreamModel())) {
            return out.body();
        }
        return JsonPeek.rewriteModel(out.body(), candidate.upstreamModel());
    }

    private static Attempted exhausted(String reason) {
        return new Attempted.Failed(new GatewayException(502, "all_attempts_failed",
                "upstream request failed: " + reason));
    }
}
