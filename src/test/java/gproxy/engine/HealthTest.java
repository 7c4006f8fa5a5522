package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.channel.Disposition;
import gproxy.engine.HealthTransition.Kind;
import gproxy.snapshot.Routing;
import gproxy.snapshot.RoutingRows;

class HealthTest {
    private final MutableClock clock = new MutableClock();
    private final List<HealthTransition> events = new ArrayList<>();
    private final Health health = new Health(clock, events::add);
    private final RoutingRows rows = new RoutingRows();

    /** The first candidate of route {@code r} over provider {@code p} (one credential) for {@code model}. */
    private Candidate candidate(String model, Map<String, ?> routeExtra) {
        long p = rows.provider("p");
        rows.credential(p);
        rows.passthrough(p, "generate_content", "open_ai_chat_completions");
        long route = rows.route("r", "failover", routeExtra);
        rows.member(route, p, model, 0, 100);
        Routing routing = rows.routing();
        Plan plan = new Planner(health, new DownCache()).plan(routing,
                Resolver.resolve(routing, Mount.AGGREGATED, "r"), PlannerTest.CHAT, 1);
        return plan.candidates().get(0);
    }

    private Instant in(Duration d) {
        return MutableClock.START.plus(d);
    }

    @Test
    void theLaterCooldownDeadlineWinsWhateverItsKind() {
        Candidate c = candidate("m", Map.of());

        health.record(c, new Disposition.RateLimited(Optional.of(Duration.ofSeconds(120))), Duration.ZERO);
        health.record(c, Disposition.AUTH_DEAD, Duration.ZERO);
        health.record(c, new Disposition.RateLimited(Optional.of(Duration.ofSeconds(60))), Duration.ZERO);

        assertThat(events).extracting(HealthTransition::kind, HealthTransition::openUntil).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.RATE_LIMITED, Optional.of(in(Duration.ofSeconds(120)))),
                org.assertj.core.groups.Tuple.tuple(Kind.AUTH_DEAD, Optional.of(in(Duration.ofSeconds(600)))));
        clock.advance(Duration.ofSeconds(599));
        assertThat(health.tryAcquire(c)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.tryAcquire(c)).isTrue();
    }

    @Test
    void aLongerRetryAfterExtendsAnAuthCooldown() {
        Candidate c = candidate("m", Map.of());
        health.record(c, Disposition.AUTH_DEAD, Duration.ZERO);

        health.record(c, new Disposition.RateLimited(Optional.of(Duration.ofSeconds(900))), Duration.ZERO);

        assertThat(events).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
            assertThat(e.openUntil()).contains(in(Duration.ofSeconds(900)));
        });
    }

    @Test
    void aRateLimitWithoutRetryAfterCoolsForThirtySeconds() {
        Candidate c = candidate("m", Map.of());

        health.record(c, new Disposition.RateLimited(Optional.empty()), Duration.ZERO);

        clock.advance(Duration.ofSeconds(29));
        assertThat(health.tryAcquire(c)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.tryAcquire(c)).isTrue();
    }

    @Test
    void breakerEdgesAreEmittedOnceWithTheirStatusFields() {
        Candidate c = candidate("gpt-4o", Map.of());
        for (int i = 0; i < 6; i++) {
            health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.tryAcquire(c)).isTrue();
        health.record(c, Disposition.SUCCESS, Duration.ofMillis(5));

        assertThat(events).hasSize(2);
        HealthTransition opened = events.get(0);
        assertThat(opened.credentialId()).isEqualTo(c.credential().id());
        assertThat(opened.model()).contains("gpt-4o");
        assertThat(opened.kind()).isEqualTo(Kind.BREAKER);
        assertThat(opened.healthJson().toString()).isEqualTo("{\"state\":\"open\",\"open_until\":"
                + in(Duration.ofSeconds(30)).getEpochSecond() + ",\"consecutive_failures\":5,\"reason\":\"5 consecutive failures\"}");
        assertThat(events.get(1).kind()).isEqualTo(Kind.RECOVERED);
        assertThat(events.get(1).healthJson().get("state").asText()).isEqualTo("closed");
    }

    @Test
    void aCooldownThatRanOutIsReportedRecoveredOnTheNextSuccess() {
        Candidate c = candidate("m", Map.of());
        health.record(c, new Disposition.RateLimited(Optional.of(Duration.ofSeconds(10))), Duration.ZERO);
        health.record(c, Disposition.SUCCESS, Duration.ZERO);
        clock.advance(Duration.ofSeconds(10));

        health.record(c, Disposition.SUCCESS, Duration.ZERO);

        assertThat(events).extracting(HealthTransition::kind).containsExactly(Kind.RATE_LIMITED, Kind.RECOVERED);
    }

    @Test
    void modelFailuresAreNeverPromotedToTheCredential() {
        Candidate c = candidate("m", Map.of());
        for (int i = 0; i < 50; i++) {
            health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        }
        long now = clock.millis();

        assertThat(health.credentialAvailable(c.credential().id(), "m", now)).isFalse();
        assertThat(health.credentialAvailable(c.credential().id(), "other", now)).isTrue();
        assertThat(health.credentialAvailable(c.credential().id(), "", now)).isTrue();
    }

    @Test
    void aClientErrorHasNoHealthImpact() {
        Candidate c = candidate("m", Map.of());
        for (int i = 0; i < 10; i++) {
            health.record(c, Disposition.PERMANENT, Duration.ZERO);
        }

        assertThat(health.tryAcquire(c)).isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void theRoutesBreakerSettingsOpenTheMemberBreakerBeforeTheCredentials() {
        Candidate c = candidate("m", Map.of("settings_json", "{\"circuit_breaker\": {\"consecutive_failures\": 2}}"));
        health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        long now = clock.millis();

        assertThat(health.memberAvailable(c.member().orElseThrow(), now)).isFalse();
        assertThat(health.credentialAvailable(c.credential().id(), "m", now)).isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void theAttemptAboutToRunTakesTheMemberAndModelProbesAndNoOtherAttemptGetsThem() {
        Candidate c = candidate("m", Map.of());
        for (int i = 0; i < 5; i++) {
            health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        }
        clock.advance(Duration.ofSeconds(30));
        long now = clock.millis();

        assertThat(health.tryAcquire(c)).isTrue();

        assertThat(health.tryAcquire(c)).isFalse();
        assertThat(health.memberAvailable(c.member().orElseThrow(), now)).isFalse();
        assertThat(health.credentialAvailable(c.credential().id(), "m", now)).isFalse();
    }

    @Test
    void resetForgetsEveryBreakerAndCooldownOfTheCredential() {
        Candidate c = candidate("m", Map.of());
        for (int i = 0; i < 5; i++) {
            health.record(c, Disposition.TRANSIENT, Duration.ZERO);
        }
        health.recordCredential(c.provider(), c.credential().id(), Disposition.AUTH_DEAD);

        health.reset(c.credential().id());

        assertThat(health.credentialAvailable(c.credential().id(), "m", clock.millis())).isTrue();
    }

    @Test
    void aFailingListenerDoesNotBreakTheRequestPath() {
        Health loud = new Health(clock, t -> {
            throw new IllegalStateException("queue full");
        });
        Candidate c = candidate("m", Map.of());

        loud.record(c, Disposition.AUTH_DEAD, Duration.ZERO);

        assertThat(loud.tryAcquire(c)).isFalse();
    }
}
