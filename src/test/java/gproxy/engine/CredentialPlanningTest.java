package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.channel.Disposition;
import gproxy.cache.CacheBackend;
import gproxy.cache.InProcessCache;
import gproxy.cache.TestCaches;
import gproxy.snapshot.Routing;
import gproxy.snapshot.RoutingRows;

/** Credential ordering: rotation, sticky pins, health filtering, and what planning must not touch. */
class CredentialPlanningTest {
    private final MutableClock clock = new MutableClock();
    private final InProcessCache cache = TestCaches.inProcess(clock::nanos);
    private final Health health = new Health(clock, HealthListener.NONE);
    private final RoutingRows rows = new RoutingRows();

    private long provider(String strategy, int credentials) {
        long p = rows.provider("p", Map.of("credential_strategy", strategy));
        for (int i = 0; i < credentials; i++) {
            rows.credential(p);
        }
        rows.passthrough(p, "generate_content", "open_ai_chat_completions");
        return p;
    }

    private List<Long> credentials(Planner planner, String model, long userKey) {
        Routing routing = rows.routing();
        Plan plan = planner.plan(routing, Resolver.resolve(routing, Mount.AGGREGATED, model), PlannerTest.CHAT, userKey);
        List<Long> out = new ArrayList<>();
        for (Candidate c : plan.candidates()) {
            out.add(c.credential().id());
        }
        return out;
    }

    @Test
    void roundRobinRotatesTheCredentialPoolByAPerProviderCounter() {
        provider("round_robin", 3);
        Planner planner = new Planner(health, cache);

        assertThat(credentials(planner, "p/m", 1)).containsExactly(1L, 2L, 3L);
        assertThat(credentials(planner, "p/m", 1)).containsExactly(2L, 3L, 1L);
        assertThat(credentials(planner, "p/m", 2)).containsExactly(3L, 1L, 2L);
        assertThat(credentials(planner, "p/m", 1)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void routeMembersExpandIntoTheirProvidersCredentialsInMemberOrder() {
        long p = provider("round_robin", 2);
        long route = rows.route("r", "failover");
        rows.member(route, p, "big", 0, 100);
        rows.member(route, p, "small", 0, 50);
        Routing routing = rows.routing();

        Plan plan = new Planner(health, cache).plan(routing, Resolver.resolve(routing, Mount.AGGREGATED, "r"),
                PlannerTest.CHAT, 1);

        assertThat(plan.candidates()).extracting(c -> c.upstreamModel() + "#" + c.credential().id())
                .containsExactly("big#1", "big#2", "small#2", "small#1");
    }

    @Test
    void aStickyPinMovesTheCallersCredentialToTheFrontAndFollowsTheFrontWhenItIsUnavailable() {
        provider("sticky", 3);
        Planner planner = new Planner(health, cache);

        assertThat(credentials(planner, "p/m", 1)).containsExactly(1L, 2L, 3L);
        assertThat(credentials(planner, "p/m", 2)).containsExactly(2L, 3L, 1L);
        assertThat(cache.get("aff:1:1")).contains("1");
        assertThat(cache.get("aff:1:2")).contains("2");
        // Rotation alone would lead with 3, then 1: each caller's pin leads instead.
        assertThat(credentials(planner, "p/m", 1)).containsExactly(1L, 3L, 2L);
        assertThat(credentials(planner, "p/m", 2)).containsExactly(2L, 1L, 3L);

        Candidate one = firstCandidate(planner, 1);
        health.record(one, Disposition.AUTH_DEAD, Duration.ZERO);

        List<Long> after = credentials(planner, "p/m", 1);
        assertThat(after).doesNotContain(1L);
        assertThat(cache.get("aff:1:1")).contains(Long.toString(after.get(0)));
    }

    @Test
    void aStickyPinRollsItsHourOnEveryPick() {
        provider("sticky", 2);
        Planner planner = new Planner(health, cache);
        credentials(planner, "p/m", 1);

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(59));
            assertThat(credentials(planner, "p/m", 1).get(0)).isEqualTo(1L);
        }

        clock.advance(Duration.ofMinutes(61));
        assertThat(cache.get("aff:1:1")).isEmpty();
    }

    @Test
    void aCacheThatIsDownOnlyLosesStickiness() {
        provider("sticky", 2);
        CacheBackend down = new DownCache();
        Planner planner = new Planner(health, down);

        assertThat(credentials(planner, "p/m", 1)).containsExactly(1L, 2L);
        assertThat(credentials(planner, "p/m", 1)).containsExactly(2L, 1L);
    }

    @Test
    void credentialsInCooldownOrBehindAnOpenModelBreakerAreFilteredForThatModelOnly() {
        provider("round_robin", 2);
        Planner planner = new Planner(health, cache);
        Candidate one = firstCandidate(planner, 1);
        for (int i = 0; i < 5; i++) {
            health.record(one, Disposition.TRANSIENT, Duration.ZERO);
        }

        assertThat(credentials(planner, "p/m", 1)).containsExactly(2L);
        assertThat(credentials(planner, "p/other", 1)).containsExactly(1L, 2L);
    }

    @Test
    void planningNeverConsumesAHalfOpenProbe() {
        provider("round_robin", 1);
        Planner planner = new Planner(health, cache);
        Candidate one = firstCandidate(planner, 1);
        for (int i = 0; i < 5; i++) {
            health.record(one, Disposition.TRANSIENT, Duration.ZERO);
        }
        clock.advance(Duration.ofSeconds(30));

        for (int i = 0; i < 10; i++) {
            assertThat(credentials(planner, "p/m", 1)).containsExactly(1L);
        }

        assertThat(health.tryAcquire(one)).isTrue();
        assertThat(health.tryAcquire(one)).isFalse();
        assertThat(credentials(planner, "p/m", 1)).isEmpty();
    }

    @Test
    void credentialWideHealthDominatesEveryModel() {
        provider("round_robin", 2);
        Planner planner = new Planner(health, cache);
        Routing.Provider p = rows.routing().provider("p").orElseThrow();
        health.recordCredential(p, 1, Disposition.AUTH_DEAD);

        assertThat(credentials(planner, "p/m", 1)).containsExactly(2L);
        assertThat(credentials(planner, "p/other", 1)).containsExactly(2L);
    }

    private Candidate firstCandidate(Planner planner, long userKey) {
        Routing routing = rows.routing();
        Optional<Candidate> first = planner.plan(routing, Resolver.resolve(routing, Mount.AGGREGATED, "p/m"),
                PlannerTest.CHAT, userKey).candidates().stream().filter(c -> c.credential().id() == 1).findFirst();
        return first.orElseThrow();
    }
}
