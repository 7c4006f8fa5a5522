package gproxy.server;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import gproxy.access.Access;
import gproxy.access.AccessControl;
import gproxy.access.Admitted;
import gproxy.access.Authenticator;
import gproxy.access.Caller;
import gproxy.billing.Billing;
import gproxy.billing.Estimate;
import gproxy.billing.Intent;
import gproxy.billing.Intents;
import gproxy.billing.Settlement;
import gproxy.billing.Settlements;
import gproxy.engine.AttemptLog;
import gproxy.engine.AttemptLoop;
import gproxy.engine.Attempted;
import gproxy.engine.Candidate;
import gproxy.engine.ClientOutput;
import gproxy.engine.Conversations;
import gproxy.engine.Conversion;
import gproxy.engine.ConvertingRelay;
import gproxy.engine.Keepalive;
import gproxy.engine.Mount;
import gproxy.engine.Outbound;
import gproxy.engine.Plan;
import gproxy.engine.Planner;
import gproxy.engine.Relay;
import gproxy.engine.Resolution;
import gproxy.engine.Resolver;
import gproxy.engine.Synthesis;
import gproxy.engine.SynthesizingRelay;
import gproxy.engine.UpstreamExchange;
import gproxy.engine.UpstreamTokenCounter;
import gproxy.error.GatewayException;
import gproxy.http1.Abort;
import gproxy.logs.RequestLog;
import gproxy.protocol.Classified;
import gproxy.protocol.Classifier;
import gproxy.protocol.JsonPeek;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.PeekedBody;
import gproxy.protocol.RoutingDecision;
import gproxy.protocol.StreamFlag;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Snapshot;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The client surface: {@code /v1/...} and {@code /v1beta/...} (aggregated), {@code /{provider}/v1/...}
 * and {@code /{provider}/v1beta/...} (scoped). One request reads top to bottom: pin the snapshot,
 * classify, authenticate, peek the body, resolve, authorize, plan, admit (rate limits, quota
 * reservation), attempt, relay under the settlement guard. Errors thrown on the way
 * are rendered in the caller's dialect by {@link ErrorResponses}.
 */
final class DataPlaneService implements HttpService {
    private static final Logger LOG = System.getLogger(DataPlaneService.class.getName());

    private final ControlPlane controlPlane;
    private final Planner planner;
    private final AttemptLoop attempts;
    private final AccessControl accessControl;
    private final Settlements settlements;
    private final Intents intents;
    private final UpstreamTokenCounter tokenCounter;
    private final TrafficMetrics traffic;
    private final Duration keepalive;
    private final ClientWatch clients;

    DataPlaneService(ControlPlane controlPlane, Planner planner, AttemptLoop attempts, AccessControl accessControl,
                     Settlements settlements, Intents intents, UpstreamTokenCounter tokenCounter,
                     TrafficMetrics traffic, Duration keepalive, ClientWatch clients) {
        this.controlPlane = controlPlane;
        this.planner = planner;
        this.attempts = attempts;
        this.accessControl = accessControl;
        this.settlements = settlements;
        this.intents = intents;
        this.tokenCounter = tokenCounter;
        this.traffic = traffic;
        this.keepalive = keepalive;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = controlPlane.current();
        Mounted mounted = Mounted.of(req.path().rawPath()).orElseThrow(() -> unknownPath(req));
        Classified classified = Classifier.classify(req.prologue().method().text(), mounted.path(),
                req.query().rawValue(), name -> req.headers().contains(HeaderNames.create(name)))
                .orElseThrow(() -> unknownPath(req));
        Optional<TrafficLabels> labels = req.context().get(TrafficLabels.class, TrafficLabels.class);
        labels.ifPresent(l -> l.classified(classified.operationKey().kind().id(),
                classified.operationKey().operation().id()));
        Caller caller = Authenticator.authenticate(snapshot.identity(), req.headers(), req.query().first("key").asOptional());
        Optional<RequestLog> log = RequestLog.of(req);
        log.ifPresent(l -> l.caller(caller.user().id(), caller.key().id()));
        if (LocalAnswers.catalogue(snapshot, mounted.mount(), classified, res)) {
            return;
        }
        // a model list or get is a GET: no entity, nothing to peek
        boolean bodiless = req.prologue().method().text().equals("GET");
        byte[] body = bodiless || !req.content().hasEntity() ? new byte[0] : req.content().as(byte[].class);
        log.ifPresent(l -> l.requestBody(body));
        PeekedBody peeked = new PeekedBody(body, bodiless ? JsonPeek.NONE : JsonPeek.of(body));
        JsonPeek peek = peeked.peek();
        OperationKey key = classified.resolve(peek.stream());
        Optional<String> asked = classified.pathModel().or(peek::model);
        Resolution target = target(snapshot, mounted.mount(), key, asked);
        // the model as the client named it: what a converted answer shows back
        String model = asked.orElse(target.exposedName());
        log.ifPresent(l -> l.target(routeName(target), asked.orElse("")));
        Access access = accessControl.forSnapshot(snapshot);
        access.permissions().check(caller, target.exposedName());
        Plan plan = planner.plan(snapshot.routing(), target, key, caller.key().id(),
                () -> Conversations.subject(key.kind(), req.headers(), body));
        List<Candidate> candidates = plan.orThrow();
        labels.ifPresent(l -> l.provider(candidates.getFirst().provider().name()));
        if (candidates.getFirst().decision() instanceof RoutingDecision.Local) {
            LocalAnswers.answer(snapshot, mounted.mount(), classified, candidates.getFirst(), body, settlements, res);
            return;
        }
        int characters = Estimate.characters(body);
        long estimate = settlements.estimate(snapshot, candidates.getFirst().provider().id(),
                candidates.getFirst().upstreamModel(), characters);
        // an OpenAI Chat stream whose client did not ask for usage: asked for upstream, hidden from the client
        boolean hideUsage = UsageRequest.strip(key, peeked);
        Outbound outbound = new Outbound(key, UsageRequest.upstreamBody(key, peeked), req.headers(), model, !hideUsage);
        Relay.Framing framing = framing(key, classified);
        Optional<ClientOutput> output = framing == Relay.Framing.BODY ? Optional.empty()
                : Optional.of(new ClientOutput(res, framing, classified.dialect()));
        Call call = new Call(snapshot, RequestIds.of(req), target, outbound, classified, hideUsage, log, framing,
                output);
        Abort abort = new Abort();
        try (Admitted admitted = access.admit(caller, target.exposedName(), estimate);
             // durable before any upstream sees the request (DESIGN §4.1); a kill from here on is billed
             Intents.Recorded intent = intents.record(intent(call, admitted, candidates.getFirst(), characters, estimate));
             // a streaming client waiting on a buffered upstream hears keepalives (reference §5.3)
             Keepalive keepalives = new Keepalive(output, keepalive);
             // a client that hangs up before the answer cuts the upstream call (and no other is tried)
             ClientWatch.Watch watch = clients.watch(() -> req.localPeer().address(),
                     () -> req.remotePeer().address(), abort);
             Attempted attempted = attempts.run(snapshot, candidates, outbound,
                     log.<AttemptLog>map(l -> l).orElse(AttemptLog.NONE), keepalives, abort)) {
            switch (attempted) {
                case Attempted.Answer answer -> {
                    watch.close(); // from here a hang-up fails the relay's next write
                    String provider = answer.exchange().candidate().provider().name();
                    labels.ifPresent(l -> l.provider(provider));
                    traffic.upstreamLatency(provider, answer.exchange().elapsed());
                    planner.served(plan, answer.exchange().candidate());
                    intent.handOver(); // its usage row replaces the intent; every other ending cancels it
                    answer(call, admitted, answer, keepalives, res);
                }
                case Attempted.Replay replay when streamStarted(call, keepalives) ->
                        streamError(call, ConvertingRelay.error(replay));
                case Attempted.Replay replay when replay.conversion().isPresent() ->
                        throw ConvertingRelay.replay(replay, res);
                case Attempted.Replay replay -> Relay.replay(replay, res);
                case Attempted.Failed failed when streamStarted(call, keepalives) -> streamError(call, failed.error());
                case Attempted.Failed failed -> throw failed.error();
            }
        } catch (GatewayException e) {
            if (!output.map(ClientOutput::opened).orElse(false)) {
                throw e;
            }
            // keepalives opened the client's 200 stream: an error can only be its last event now
            streamError(call, e);
        }
    }

    /** What one request's answer is relayed and billed by. */
    private record Call(Snapshot snapshot, String requestId, Resolution target, Outbound outbound,
                        Classified classified, boolean stripUsageChunk, Optional<RequestLog> log,
                        Relay.Framing framing, Optional<ClientOutput> output) {
    }

    /** Whether keepalives opened the client's stream (they are stopped first, so it stays as it is). */
    private static boolean streamStarted(Call call, Keepalive keepalives) {
        keepalives.stop();
        return call.output().map(ClientOutput::opened).orElse(false);
    }

    private static void streamError(Call call, GatewayException error) {
        ClientOutput output = call.output().orElseThrow();
        try {
            output.error(error.status(), error.getMessage());
            output.close();
        } catch (UncheckedIOException e) {
            LOG.log(Level.DEBUG, () -> "client went away before its stream error: " + e.getMessage());
        }
    }

    /**
     * The settlement guard: the upstream exchange is declared after the settlement, so it is closed (the
     * upstream read stopped) before the settlement runs; only a whole relay reaches {@code complete()}.
     */
    private void answer(Call call, Admitted admitted, Attempted.Answer answer, Keepalive keepalives,
                        ServerResponse res) {
        try (Settlement settlement = settlements.open(call.snapshot(), admitted, billing(call, answer));
             UpstreamExchange upstream = answer.exchange()) {
            Relay.Observer billed = new Relay.Observer(settlement::observe, settlement::observeBody);
            Relay.Observer observer = call.log().map(l -> l.observe(billed)).orElse(billed);
            if (relay(upstream, answer, call, keepalives, res, observer)) {
                settlement.complete();
            }
        }
    }

    private static Intent intent(Call call, Admitted admitted, Candidate first, int characters, long estimate) {
        return new Intent(call.requestId(), admitted.caller(), routeName(call.target()), call.outbound().key(),
                first.provider().id(), first.credential().id(), first.upstreamModel(), characters, estimate,
                admitted.reservation().hold());
    }

    private static Optional<String> routeName(Resolution target) {
        return target instanceof Resolution.RouteTarget r ? Optional.of(r.route().name()) : Optional.empty();
    }

    private Billing billing(Call call, Attempted.Answer answer) {
        UpstreamExchange upstream = answer.exchange();
        Candidate candidate = upstream.candidate();
        // usage is read in the upstream's dialect: the conversion's target when there is one
        OperationKey upstreamKey = answer.synthesis().map(Synthesis::upstream)
                .or(() -> answer.conversion().map(Conversion::upstream)).orElse(call.outbound().key());
        return new Billing(call.requestId(), routeName(call.target()), upstreamKey, candidate.provider().id(), candidate.credential().id(),
                candidate.upstreamModel(), call.outbound().body(), upstream.elapsed(), call.stripUsageChunk(),
                tokenCounter.bind(call.snapshot(), candidate, upstreamKey.kind()));
    }

    /** True when relayed whole; false when the upstream broke; a client that hung up after the first byte: false. */
    private static boolean relay(UpstreamExchange upstream, Attempted.Answer answer, Call call, Keepalive keepalives,
                                 ServerResponse res, Relay.Observer observer) {
        Optional<Conversion> conversion = answer.conversion();
        Kind.Family dialect = call.classified().dialect();
        try {
            if (answer.synthesis().isPresent()) {
                return SynthesizingRelay.answer(upstream, conversion, answer.synthesis().get(),
                        call.outbound().key().kind(), call.output().orElseThrow(), keepalives, observer);
            }
            keepalives.stop();
            if (call.output().isEmpty()) {
                return conversion.isPresent() ? ConvertingRelay.whole(upstream, conversion.get(), res, observer)
                        : Relay.answer(upstream, Relay.Framing.BODY, dialect, res, observer);
            }
            if (conversion.isPresent()) {
                return ConvertingRelay.stream(upstream, conversion.get(), call.output().get(), observer);
            }
            // an earlier candidate's wait opened the stream: the upstream's status and headers are too late
            return call.output().get().opened() ? ConvertingRelay.passOn(upstream, call.output().get(), observer)
                    : Relay.answer(upstream, call.framing(), dialect, res, observer);
        } catch (UncheckedIOException e) {
            if (!res.isSent() && res.bytesWritten() == 0) {
                throw e;
            }
            // the client hung up mid-answer; closing the exchange (by the caller) stops the upstream read
            LOG.log(Level.DEBUG, () -> "client went away mid-answer: " + e.getMessage());
            return false;
        }
    }

    /** Where the request goes; a scoped model list names no model, only the mount's provider. */
    private static Resolution target(Snapshot snapshot, Mount mount, OperationKey key, Optional<String> model) {
        if (key.operation() == Operation.LIST_MODELS && mount instanceof Mount.Scoped scoped) {
            return Resolver.scoped(snapshot.routing(), scoped);
        }
        return Resolver.resolve(snapshot.routing(), mount, model
                .orElseThrow(() -> GatewayException.invalid("model", "missing (expected: the model to call)")));
    }

    private static Relay.Framing framing(OperationKey key, Classified classified) {
        if (!key.operation().streaming()) {
            return Relay.Framing.BODY;
        }
        return classified.stream() == StreamFlag.PATH_JSON_ARRAY ? Relay.Framing.JSON_ARRAY : Relay.Framing.SSE;
    }

    private static GatewayException unknownPath(ServerRequest req) {
        return new GatewayException(404, "unsupported_path", "no such endpoint: " + req.prologue().method().text()
                + " " + req.path().rawPath());
    }

    /** Where a path is mounted: aggregated ({@code /v1...}) or scoped to a provider ({@code /p/v1...}). */
    record Mounted(Mount mount, String path) {
        static Optional<Mounted> of(String rawPath) {
            if (versioned(rawPath)) {
                return Optional.of(new Mounted(Mount.AGGREGATED, rawPath));
            }
            int slash = rawPath.indexOf('/', 1);
            if (slash < 2 || !versioned(rawPath.substring(slash))) {
                return Optional.empty();
            }
            String provider = URLDecoder.decode(rawPath.substring(1, slash), StandardCharsets.UTF_8);
            return Optional.of(new Mounted(Mount.scoped(provider), rawPath.substring(slash)));
        }

        private static boolean versioned(String path) {
            return path.startsWith("/v1/") || path.startsWith("/v1beta/");
        }
    }
}
