package gproxy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import gproxy.cache.CacheBackend;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing;
import gproxy.snapshot.Routing.Credential;
import gproxy.snapshot.Routing.Member;
import gproxy.snapshot.Routing.Provider;

/**
 * A {@link Resolution} and an operation → the ordered {@link Plan} (features §5.3, §5.4). Members
 * whose provider does not support the operation are dropped, then those behind an open member
 * breaker; the lowest surviving tier is ordered by the route's strategy and the other tiers follow
 * as the failover tail; each member expands into its provider's available credentials, rotated by
 * a per-provider counter (or led by the sticky pin).
 *
 * <p>Planning asks health only side-effect-free questions: it never takes a half-open probe. Its
 * effects are counter increments and sticky-pin writes; affinity pins are written by
 * {@link #served} after the fact.
 */
public final class Planner {
    private static final Logger LOG = System.getLogger(Planner.class.getName());

    private final Health health;
    private final StickyPins pins;
    private final AffinityPins affinity;
    private final ConcurrentHashMap<Long, AtomicLong> routeCounters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicLong> providerCounters = new ConcurrentHashMap<>();
    private final Set<String> warnedStrategies = ConcurrentHashMap.newKeySet();

    public Planner(Health health, CacheBackend cache) {
        this.health = health;
        this.pins = new StickyPins(cache);
        this.affinity = new AffinityPins(cache);
    }

    /** @param userKeyId the caller's key, which sticky credential pins are kept for */
    public Plan plan(Routing routing, Resolution target, OperationKey key, long userKeyId) {
        return plan(routing, target, key, userKeyId, Optional::empty);
    }

    /**
     * As {@link #plan(Routing, Resolution, OperationKey, long)}; {@code conversation} (asked only when
     * the route or provider has affinity on) keeps a conversation on the target that served it last.
     */
    public Plan plan(Routing routing, Resolution target, OperationKey key, long userKeyId,
                     Supplier<Optional<String>> conversation) {
        Plan plan = switch (target) {
            case Resolution.RouteTarget route -> route(routing, route, key, userKeyId);
            case Resolution.ProviderTarget provider -> provider(provider, key, userKeyId);
        };
        Optional<AffinityPins.Scope> scope = switch (target) {
            case Resolution.RouteTarget r -> AffinityPins.ttl(r.route().settings())
                    .map(ttl -> new AffinityPins.Scope("route_aff:" + r.route().id(), ttl));
            case Resolution.ProviderTarget p -> AffinityPins.ttl(p.provider().settings())
                    .map(ttl -> new AffinityPins.Scope("prov_aff:" + p.provider().id(), ttl));
        };
        if (scope.isEmpty() || plan.candidates().isEmpty()) {
            return plan;
        }
        return affinity.apply(scope.get(), conversation, plan);
    }

    /**
     * Tells the planner which candidate of {@code plan} answered: with affinity on, the conversation
     * is pinned to it (never at plan time, so a failed first candidate does not capture it).
     */
    public void served(Plan plan, Candidate candidate) {
        plan.affinity().ifPresent(a -> affinity.pin(a, candidate));
    }

    private Plan provider(Resolution.ProviderTarget target, OperationKey key, long userKeyId) {
        Provider p = target.provider();
        RoutingDecision decision = p.decision(key);
        if (decision instanceof RoutingDecision.Unsupported) {
            return Plan.none(Plan.Shortfall.UNSUPPORTED);
        }
        List<Candidate> out = new ArrayList<>(p.credentials().size());
        for (Credential c : credentials(p, target.upstreamModel(), userKeyId, true, health.now())) {
            out.add(new Candidate(p, c, target.upstreamModel(), Optional.empty(), decision));
        }
        return Plan.of(out, Plan.Shortfall.NO_CREDENTIALS);
    }

    private Plan route(Routing routing, Resolution.RouteTarget target, OperationKey key, long userKeyId) {
        long now = health.now();
        List<Member> healthy = new ArrayList<>(target.members().size());
        boolean supported = false;
        for (Member m : target.members()) {
            Optional<Provider> p = routing.provider(m.providerId());
            if (p.isEmpty() || p.get().decision(key) instanceof RoutingDecision.Unsupported) {
                continue;
            }
            supported = true;
            if (health.memberAvailable(m, now)) {
                healthy.add(m);
            }
        }
        if (!supported) {
            return Plan.none(Plan.Shortfall.UNSUPPORTED);
        }
        if (healthy.isEmpty()) {
            return Plan.none(Plan.Shortfall.NO_MEMBERS);
        }
        order(target.route(), primary(healthy));
        List<Candidate> out = new ArrayList<>();
        List<Long> pinned = new ArrayList<>(2);
        for (Member m : healthy) {
            Provider p = routing.provider(m.providerId()).orElseThrow();
            Optional<Member> member = Optional.of(m);
            RoutingDecision decision = p.decision(key);
            // One pin write per provider and plan: the leading member's choice is the one to keep.
            boolean firstOfProvider = !pinned.contains(p.id());
            if (firstOfProvider) {
                pinned.add(p.id());
            }
            for (Credential c : credentials(p, m.upstreamModel(), userKeyId, firstOfProvider, now)) {
                out.add(new Candidate(p, c, m.upstreamModel(), member, decision));
            }
        }
        return Plan.of(out, Plan.Shortfall.NO_CREDENTIALS);
    }

    /** The leading run of the lowest tier; {@code healthy} is in tier order. */
    private static List<Member> primary(List<Member> healthy) {
        long tier = healthy.get(0).tier();
        int end = 1;
        while (end < healthy.size() && healthy.get(end).tier() == tier) {
            end++;
        }
        return healthy.subList(0, end);
    }

    private void order(Routing.Route route, List<Member> primary) {
        Strategy strategy = Strategy.of(route.strategy()).orElseGet(() -> {
            if (warnedStrategies.add(route.id() + ":" + route.strategy())) {
                LOG.log(Level.WARNING, "route '" + route.name() + "': strategy '" + route.strategy()
                        + "' is unknown; using failover");
            }
            return Strategy.FAILOVER;
        });
        switch (strategy) {
            case FAILOVER -> { }
            case ROUND_ROBIN -> MemberOrder.rotate(primary, next(routeCounters, route.id()));
            case WEIGHTED -> MemberOrder.weighted(primary, next(routeCounters, route.id()));
            case LEAST_LATENCY -> MemberOrder.leastLatency(primary, health.latencies);
        }
    }

    /**
     * The provider's credentials available for {@code model}, rotated; sticky providers put the
     * caller's pin first, and re-pin when {@code writePin}.
     */
    private List<Credential> credentials(Provider p, String model, long userKeyId, boolean writePin, long now) {
        List<Credential> pool = new ArrayList<>(p.credentials().size());
        for (Credential c : p.credentials()) {
            if (health.credentialAvailable(c.id(), model, now)) {
                pool.add(c);
            }
        }
        // The counter advances on every expansion, so rotation does not depend on pool sizes.
        long turn = next(providerCounters, p.id());
        if (pool.size() > 1) {
            Collections.rotate(pool, -(int) Math.floorMod(turn, (long) pool.size()));
        }
        if (p.credentialStrategy() == Routing.CredentialStrategy.STICKY) {
            pins.apply(p.id(), userKeyId, pool, writePin);
        }
        return pool;
    }

    private static long next(ConcurrentHashMap<Long, AtomicLong> counters, long id) {
        return counters.computeIfAbsent(id, k -> new AtomicLong()).getAndIncrement();
    }
}
