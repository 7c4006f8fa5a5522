package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import gproxy.channel.Channel;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.CredentialSecret;
import gproxy.channel.Disposition;
import gproxy.channel.PrepareInput;
import gproxy.channel.ProviderSettings;
import gproxy.channel.UpstreamRequest;
import gproxy.error.GatewayException;
import gproxy.http1.Abort;
import gproxy.protocol.GeminiBatch;
import gproxy.protocol.JsonPeek;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.rules.HeaderEdits;
import gproxy.rules.RequestShaper;
import gproxy.rules.ResponseStreams;
import gproxy.rules.RuleBook;
import gproxy.rules.RuleInput;
import gproxy.security.SecretBox;
import gproxy.snapshot.Snapshot;
import gproxy.translate.TranslationContext;
import gproxy.translate.OperationTranslations;
import gproxy.translate.Translations;
import gproxy.store.Schema;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

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
    private static final OperationKey GEMINI_EMBEDDING = OperationKey.of(Operation.CREATE_EMBEDDING, Kind.GEMINI);

    private static final int MAX_OPENED = 10_000;

    private final ChannelRegistry channels;
    private final Health health;
    private final CredentialBudgets budgets;
    private final RetryPolicy policy;
    private final UpstreamClient client;
    private final SecretBox secrets;
    private final RuleBook.Cache rules = new RuleBook.Cache();
    /** Secrets opened, by credential id, reused while the stored value is the same (no decrypt and parse per attempt). */
    private final Map<Long, Opened> opened = new ConcurrentHashMap<>();

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
        return run(snapshot, candidates, out, AttemptLog.NONE);
    }

    /** As {@link #run(Snapshot, List, Outbound)}, telling {@code log} about every physical send. */
    public Attempted run(Snapshot snapshot, List<Candidate> candidates, Outbound out, AttemptLog log) {
        return run(snapshot, candidates, out, log, BufferedWait.NONE);
    }

    /**
     * As {@link #run(Snapshot, List, Outbound, AttemptLog)}, telling {@code wait} before an attempt
     * waits for a whole answer that a streaming client is to receive as a stream.
     */
    public Attempted run(Snapshot snapshot, List<Candidate> candidates, Outbound out, AttemptLog log,
                         BufferedWait wait) {
        return run(snapshot, candidates, out, log, wait, new Abort());
    }

    /**
     * As {@link #run(Snapshot, List, Outbound, AttemptLog, BufferedWait)}; {@code abort}, cut from
     * another thread when the client hangs up, stops the call in flight and every attempt after it.
     * An aborted call is not the upstream's fault: no health penalty, no failover, a 499.
     */
    public Attempted run(Snapshot snapshot, List<Candidate> candidates, Outbound out, AttemptLog log,
                         BufferedWait wait, Abort abort) {
        int attempts = 0;
        boolean untranslatable = false;
        Optional<Attempted.Replay> last = Optional.empty();
        for (int i = 0; i < candidates.size(); i++) {
            if (abort.aborted()) {
                return clientGone(); // before admit: a skipped attempt must not hold a breaker's probe
            }
            Candidate candidate = candidates.get(i);
            Optional<Route> route = route(candidate, out);
            if (route.isEmpty()) {
                untranslatable = true;
                continue;
            }
            Optional<CredentialSecret> secret = admit(snapshot, candidate);
            if (secret.isEmpty()) {
                continue;
            }
            attempts++;
            Result result = attempt(candidate, route.get(), secret.get(), out,
                    new Attempt(attempts, log, rules.forSnapshot(snapshot), wait, abort));
            if (abort.aborted() && result.answer().isEmpty()) {
                return clientGone();
            }
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
                ? new GatewayException(501, "unsupported_operation", "no provider of this model can serve "
                        + out.key() + " (the conversion it needs is not available)")
                : GatewayException.unavailable("no_credentials", "no upstream credential is available right now"));
    }

    /**
     * How a candidate is reached: as it is, or through a conversion, streamed or (a synthesis) asked
     * for a whole answer the client gets as a stream; none when this build cannot.
     */
    private record Route(OperationKey upstream, Optional<Conversion> conversion, Optional<Synthesis> synthesis) {
        Route(OperationKey upstream, Optional<Conversion> conversion) {
            this(upstream, conversion, Optional.empty());
        }
    }

    private static Optional<Route> route(Candidate candidate, Outbound out) {
        OperationKey key = out.key();
        return switch (candidate.decision()) {
            case RoutingDecision.Passthrough p -> Optional.of(new Route(key, Optional.empty()));
            case RoutingDecision.TransformTo t -> convert(key, t.destination(), candidate, out);
            case RoutingDecision.Local l -> Optional.empty();
            case RoutingDecision.Unsupported u -> Optional.empty();
        };
    }

    /**
     * A conversion between two dialects of the same operation (content dialects for generation,
     * vendor families for count tokens, model list/get and embeddings), or a streaming client served
     * by a whole answer ({@code stream_generate_content → generate_content}, reference §5.3).
     */
    private static Optional<Route> convert(OperationKey key, OperationKey destination, Candidate candidate,
                                           Outbound out) {
        if (destination.equals(key)) {
            return Optional.of(new Route(key, Optional.empty()));
        }
        if (key.operation() == Operation.STREAM_GENERATE_CONTENT
                && destination.operation() == Operation.GENERATE_CONTENT && destination.kind().content()) {
            return buffered(key, destination, candidate, out);
        }
        if (destination.operation() != key.operation()) {
            return Optional.empty();
        }
        Optional<Route> declared = convertTo(destination, key, candidate, out);
        if (declared.isPresent()) {
            return declared;
        }
        // the declared conversion is not built yet: any dialect the provider serves as it is will do
        for (Kind kind : Kind.values()) {
            OperationKey other = OperationKey.of(key.operation(), kind);
            if (kind.content() == key.kind().content() && kind != key.kind()
                    && candidate.provider().decision(other) instanceof RoutingDecision.Passthrough) {
                Optional<Route> route = convertTo(other, key, candidate, out);
                if (route.isPresent()) {
                    return route;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Route> convertTo(OperationKey destination, OperationKey key, Candidate candidate,
                                             Outbound out) {
        return OperationTranslations.find(key, destination).map(translation -> new Route(destination,
                Optional.of(new Conversion(destination, translation, new TranslationContext(
                        candidate.upstreamModel(), out.clientModel(), key.operation().streaming(), Optional.empty(),
                        out.usageInStream())))));
    }

    private static Optional<Route> buffered(OperationKey key, OperationKey destination, Candidate candidate,
                                            Outbound out) {
        TranslationContext context = new TranslationContext(candidate.upstreamModel(), out.clientModel(), false,
                Optional.empty(), out.usageInStream());
        Optional<Synthesis> synthesis = Optional.of(new Synthesis(destination, context));
        if (destination.kind() == key.kind()) {
            return Optional.of(new Route(destination, Optional.empty(), synthesis));
        }
        return Translations.find(key.kind(), destination.kind()).map(translation -> new Route(destination,
                Optional.of(new Conversion(destination, translation, context)), synthesis));
    }

    /**
     * An upstream that answered JSON to a stream request answered whole: the client's stream is
     * synthesised from it as if the route had asked for a whole answer.
     */
    private static Optional<Synthesis> synthesis(Route route, UpstreamRequest request, UpstreamExchange exchange,
                                                 Candidate candidate, Outbound out) {
        if (route.synthesis().isPresent() || !request.streaming() || !json(exchange.headers())) {
            return route.synthesis();
        }
        TranslationContext context = route.conversion().map(Conversion::context).orElseGet(() ->
                new TranslationContext(candidate.upstreamModel(), out.clientModel(), false, Optional.empty(),
                        out.usageInStream()));
        return Optional.of(new Synthesis(OperationKey.of(Operation.GENERATE_CONTENT, route.upstream().kind()),
                context));
    }

    private static boolean json(Headers headers) {
        return headers.first(HeaderNames.CONTENT_TYPE).map(v -> v.toLowerCase(java.util.Locale.ROOT).trim())
                .filter(v -> v.startsWith("application/json")).isPresent();
    }

    /** The secret of an admitted candidate; empty means skip it (budget, health, unreadable secret). */
    private Optional<CredentialSecret> admit(Snapshot snapshot, Candidate candidate) {
        if (!budgets.tryAdmit(candidate.credential()).admitted() || !health.tryAcquire(candidate)) {
            return Optional.empty();
        }
        long id = candidate.credential().id();
        try {
            String stored = snapshot.sealedSecret(id).orElseThrow(() -> new IllegalStateException("no secret"));
            Opened cached = opened.get(id);
            if (cached != null && cached.stored.equals(stored)) {
                return Optional.of(cached.secret);
            }
            CredentialSecret secret = CredentialSecret.of(secrets.open(SecretBox.binding(Schema.CREDENTIALS.name(), id),
                    stored));
            if (opened.size() >= MAX_OPENED) {
                opened.clear(); // deleted credentials' entries go too; the live ones are opened again
            }
            opened.put(id, new Opened(stored, secret));
            return Optional.of(secret);
        } catch (RuntimeException e) {
            // the reason only: the exception text of a failed open never carries the secret itself
            LOG.log(Level.WARNING, "credential " + id + " skipped: its secret cannot be used ("
                    + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** A class, not a record: no toString() may print the stored value (plaintext without a master key). */
    private static final class Opened {
        private final String stored;
        private final CredentialSecret secret;

        private Opened(String stored, CredentialSecret secret) {
            this.stored = stored;
            this.secret = secret;
        }
    }

    private record Result(Disposition disposition, Optional<Attempted.Answer> answer,
                          Optional<Attempted.Replay> replay) {
    }

    /** The attempt's number, where it is reported, the rules of its snapshot, and who hears of a buffered wait. */
    private record Attempt(int number, AttemptLog log, RuleBook rules, BufferedWait buffered, Abort abort) {
        void report(Candidate candidate, Optional<UpstreamRequest> request, int status, Optional<Headers> headers,
                    byte[] errorBody, Duration latency, Disposition disposition, Optional<String> error,
                    boolean answering) {
            try {
                log.sent(new AttemptLog.Sent(number, candidate, request, status, headers, errorBody, latency,
                        disposition, error, answering));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "request log capture failed (the request goes on): " + e);
            }
        }
    }

    private Result attempt(Candidate candidate, Route route, CredentialSecret secret, Outbound out, Attempt attempt) {
        long started = System.nanoTime();
        Optional<UpstreamRequest> prepared = Optional.empty();
        Channel channel = channels.find(candidate.provider().channel())
                .orElseThrow(() -> GatewayException.internal("unknown channel " + candidate.provider().channel(),
                        null));
        // outside the try: a client body the conversion refuses is the client's 400, not the upstream's fault
        byte[] body = body(candidate, route, out);
        // the provider's rule sets see the upstream's wire shape: after conversion (features §7.1)
        RequestShaper.Shaped shaped = RequestShaper.shape(attempt.rules().rules(candidate.provider().id()),
                candidate.provider().settings(), new RuleInput(route.upstream(), candidate.upstreamModel(),
                        out.bodyModel(), out.clientHeaders()), body);
        try {
            UpstreamRequest request = withHeaderRules(channel.prepare(new PrepareInput(route.upstream(),
                    candidate.upstreamModel(), shaped.body(), out.clientHeaders(),
                    new ProviderSettings(candidate.provider().settings()), secret)), shaped);
            prepared = Optional.of(request);
            if (route.synthesis().isPresent()) {
                attempt.buffered().waiting();
            }
            UpstreamExchange exchange = client.send(candidate, request, attempt.abort());
            if (exchange.status() >= 200 && exchange.status() < 300) {
                health.record(candidate, Disposition.SUCCESS, exchange.elapsed());
                Optional<Synthesis> synthesis = synthesis(route, request, exchange, candidate, out);
                boolean events = request.streaming() && synthesis.isEmpty();
                // response-phase transforms edit the answer in the upstream's dialect, before any conversion
                shaped.responseEditor().ifPresent(editor -> exchange.filterBody(
                        in -> events ? ResponseStreams.events(in, editor) : ResponseStreams.whole(in, editor)));
                attempt.report(candidate, prepared, exchange.status(), Optional.of(exchange.headers()), new byte[0],
                        exchange.elapsed(), Disposition.SUCCESS, Optional.empty(), true);
                return new Result(Disposition.SUCCESS, Optional.of(new Attempted.Answer(exchange, route.conversion(),
                        synthesis)), Optional.empty());
            }
            try (exchange) {
                byte[] error = exchange.readUpTo(MAX_ERROR_BODY);
                Disposition disposition = channel.classify(exchange.status(), exchange.headers(),
                        new String(error, StandardCharsets.UTF_8));
                health.record(candidate, disposition, exchange.elapsed());
                attempt.report(candidate, prepared, exchange.status(), Optional.of(exchange.headers()), error,
                        exchange.elapsed(), disposition, Optional.empty(), false);
                return new Result(disposition, Optional.empty(), Optional.of(new Attempted.Replay(candidate,
                        exchange.status(), exchange.headers(), error, route.conversion())));
            }
        } catch (UpstreamTransportException | GatewayException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            if (attempt.abort().aborted()) {
                LOG.log(Level.INFO, candidate + ": call cut, the client hung up before the answer");
                attempt.report(candidate, prepared, 0, Optional.empty(), new byte[0], latency, Disposition.TRANSIENT,
                        Optional.of("client hung up before the answer"), false);
                return new Result(Disposition.TRANSIENT, Optional.empty(), Optional.empty());
            }
            LOG.log(Level.INFO, candidate + " failed: " + e.getMessage());
            LOG.log(Level.DEBUG, candidate + " failure detail", e);
            health.record(candidate, Disposition.TRANSIENT, latency);
            attempt.report(candidate, prepared, 0, Optional.empty(), new byte[0], latency, Disposition.TRANSIENT,
                    Optional.ofNullable(e.getMessage()), false);
            return new Result(Disposition.TRANSIENT, Optional.empty(), Optional.empty());
        }
    }

    private static UpstreamRequest withHeaderRules(UpstreamRequest request, RequestShaper.Shaped shaped) {
        if (shaped.headers().isEmpty()) {
            return request;
        }
        WritableHeaders<?> headers = WritableHeaders.create(request.headers());
        HeaderEdits.apply(shaped.headers(), headers);
        return new UpstreamRequest(request.method(), request.uri(), headers, request.body(), request.streaming());
    }

    /**
     * Converted: the whole request in the upstream's dialect. Same dialect: only the model is
     * rewritten, and only when the upstream id differs (for Gemini batch embeddings, the model
     * inside each request).
     */
    private static byte[] body(Candidate candidate, Route route, Outbound out) {
        byte[] body = route.synthesis().isPresent() ? Unstreamed.body(out.body()) : out.body();
        if (route.conversion().isPresent()) {
            Conversion conversion = route.conversion().get();
            return conversion.translation().request().translate(body, conversion.context());
        }
        if (out.key().equals(GEMINI_EMBEDDING)) {
            return GeminiBatch.rewriteModels(body, candidate.upstreamModel());
        }
        if (out.bodyModel().isEmpty() || out.bodyModel().get().equals(candidate.upstreamModel())) {
            return body;
        }
        // the peek's offsets are those of the body as sent; a synthesized one is read again
        return body == out.body() ? out.request().withModel(candidate.upstreamModel())
                : JsonPeek.rewriteModel(body, candidate.upstreamModel());
    }

    private static Attempted clientGone() {
        return new Attempted.Failed(new GatewayException(499, "client_closed_request",
                "the client closed the connection before the answer"));
    }

    private static Attempted exhausted(String reason) {
        return new Attempted.Failed(new GatewayException(502, "all_attempts_failed",
                "upstream request failed: " + reason));
    }
}
