package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gproxy.channel.Disposition;
import gproxy.cache.InProcessCache;
import gproxy.cache.TestCaches;
import gproxy.error.GatewayException;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing;
import gproxy.snapshot.RoutingRows;

/** Member ordering: strategies over N requests, tiers, unsupported and unhealthy members. */
class PlannerTest {
    static final OperationKey CHAT = OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT);
    private static final long USER_KEY = 7;

    private final MutableClock clock = new MutableClock();
    private final InProcessCache cache = TestCaches.inProcess(clock::nanos);
    private final Health health = new Health(clock, HealthListener.NONE);
    private final Planner planner = new Planner(health, cache);
    private final RoutingRows rows = new RoutingRows();

    /** A provider with one credential that passes chat through. */
    private long provider(String name) {
        long p = rows.provider(name);
        rows.credential(p);
        rows.passthrough(p, "generate_content", "open_ai_chat_completions");
        return p;
    }

    private Plan plan(String model) {
        Routing routing = rows.routing();
        return planner.plan(routing, Resolver.resolve(routing, Mount.AGGREGATED, model), CHAT, USER_KEY);
    }

    private List<String> models(Plan plan) {
        List<String> out = new ArrayList<>();
        for (Candidate c : plan.candidates()) {
            out.add(c.upstreamModel());
        }
        return out;
    }

    @Test
    void failoverKeepsTheSortedOrderOnEveryRequest() {
        long a = provider("a");
        long b = provider("b");
        long route = rows.route("r", "failover");
        rows.member(route, a, "light", 0, 10);
        rows.member(route, b, "heavy", 0, 90);

        for (int i = 0; i < 3; i++) {
            assertThat(models(plan("r"))).containsExactly("heavy", "light");
        }
    }

    @Test
    void roundRobinRotatesThePrimaryGroupAndKeepsTheLowerTierAsTheTail() {
        long p = provider("p");
        long route = rows.route("r", "round_robin");
        rows.member(route, p, "m1", 0, 100);
        rows.member(route, p, "m2", 0, 100);
        rows.member(route, p, "m3", 0, 100);
        rows.member(route, p, "backup", 1, 100);

        List<List<String>> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(models(plan("r")));
        }

        assertThat(orders).containsExactly(
                List.of("m1", "m2", "m3", "backup"),
                List.of("m2", "m3", "m1", "backup"),
                List.of("m3", "m1", "m2", "backup"),
                List.of("m1", "m2", "m3", "backup"));
    }

    @Test
    void weightedPicksEachMemberFirstExactlyInProportionToItsWeightOver1000Requests() {
        long p = provider("p");
        long route = rows.route("r", "weighted");
        rows.member(route, p, "half", 0, 50);
        rows.member(route, p, "third", 0, 30);
        rows.member(route, p, "fifth", 0, 20);
        rows.member(route, p, "tail", 1, 1000);

        Map<String, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            List<String> order = models(plan("r"));
            firsts.merge(order.get(0), 1, Integer::sum);
            assertThat(order).hasSize(4).endsWith("tail");
        }

        assertThat(firsts).containsOnly(Map.entry("half", 500), Map.entry("third", 300), Map.entry("fifth", 200));
    }

    @Test
    void weightedInterleavesEqualWeightsInsteadOfServingThemInBlocks() {
        long p = provider("p");
        long route = rows.route("r", "weighted");
        rows.member(route, p, "a", 0, 100);
        rows.member(route, p, "b", 0, 100);

        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(models(plan("r")).get(0));
        }

        assertThat(firsts).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void weightedWithAllZeroWeightsKeepsFailoverOrder() {
        long p = provider("p");
        long route = rows.route("r", "weighted");
        rows.member(route, p, "first", 0, 0);
        rows.member(route, p, "second", 0, 0);

        for (int i = 0; i < 3; i++) {
            assertThat(models(plan("r"))).containsExactly("first", "second");
        }
    }

    @Test
    void leastLatencyTriesUntriedMembersFirstThenPrefersTheLowerAverage() {
        long p = provider("p");
        long route = rows.route("r", "least_latency");
        rows.member(route, p, "slow", 0, 100);
        rows.member(route, p, "fast", 0, 90);
        rows.member(route, p, "new", 0, 10);
        Plan first = plan("r");
        Candidate slow = first.candidates().get(0);
        Candidate fast = first.candidates().get(1);
        health.record(slow, Disposition.SUCCESS, Duration.ofMillis(900));
        health.record(fast, Disposition.SUCCESS, Duration.ofMillis(100));

        assertThat(models(first)).containsExactly("slow", "fast", "new");
        assertThat(models(plan("r"))).containsExactly("new", "fast", "slow");

        health.record(plan("r").candidates().get(0), Disposition.SUCCESS, Duration.ofMillis(500));
        assertThat(models(plan("r"))).containsExactly("fast", "new", "slow");
    }

    @Test
    void leastLatencyFollowsTheMovingAverageWithAlphaPointThree() {
        long p = provider("p");
        long route = rows.route("r", "least_latency");
        long a = rows.member(route, p, "a", 0, 100);
        rows.member(route, p, "b", 0, 100);
        Candidate ca = plan("r").candidates().get(0);

        health.record(ca, Disposition.SUCCESS, Duration.ofMillis(100));
        health.record(ca, Disposition.SUCCESS, Duration.ofMillis(200));

        assertThat(health.latencyMillis(a).getAsDouble()).isCloseTo(130.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anUnknownStrategyBehavesLikeFailover() {
        long p = provider("p");
        long route = rows.route("r", "random_please");
        rows.member(route, p, "m1", 0, 100);
        rows.member(route, p, "m2", 0, 50);

        for (int i = 0; i < 3; i++) {
            assertThat(models(plan("r"))).containsExactly("m1", "m2");
        }
    }

    @Test
    void theLowestHealthyTierBecomesThePrimaryGroupWhenTheFirstTierIsOpen() {
        long p = provider("p");
        long route = rows.route("r", "round_robin");
        rows.member(route, p, "primary", 0, 100);
        rows.member(route, p, "b1", 1, 100);
        rows.member(route, p, "b2", 1, 100);
        Candidate primary = plan("r").candidates().get(0);
        for (int i = 0; i < 5; i++) {
            health.record(primary, Disposition.TRANSIENT, Duration.ZERO);
        }

        // The route's counter is monotonic: the first plan above took 0.
        assertThat(models(plan("r"))).containsExactly("b2", "b1");
        assertThat(models(plan("r"))).containsExactly("b1", "b2");
    }

    @Test
    void membersWhoseProviderDoesNotSupportTheOperationAreDroppedAndDecisionsAreAttached() {
        long plain = provider("plain");
        long claude = rows.provider("claude");
        rows.credential(claude);
        rows.rule(claude, "generate_content", "open_ai_chat_completions", "transform_to",
                Map.of("dest_kind", "claude_messages"));
        long mute = rows.provider("mute", Map.of("channel", "no-such-channel"));
        rows.credential(mute);
        // a cell without a row follows the channel, which serves chat: say "no" explicitly
        rows.rule(mute, "generate_content", "open_ai_chat_completions", "unsupported", Map.of());
        long route = rows.route("r", "failover");
        rows.member(route, mute, "x", 0, 100);
        rows.member(route, claude, "claude-sonnet", 0, 90);
        rows.member(route, plain, "gpt", 0, 80);

        Plan plan = plan("r");

        assertThat(plan.candidates()).extracting(Candidate::decision).containsExactly(
                RoutingDecision.transformTo(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES), RoutingDecision.PASSTHROUGH);
    }

    @Test
    void aRouteNoMemberOfWhichSupportsTheOperationIs501() {
        // a channel this build does not know declares no matrix, and the provider has no rows
        long mute = rows.provider("mute", Map.of("channel", "no-such-channel"));
        rows.credential(mute);
        // a cell without a row follows the channel, which serves chat: say "no" explicitly
        rows.rule(mute, "generate_content", "open_ai_chat_completions", "unsupported", Map.of());
        long route = rows.route("r", "failover");
        rows.member(route, mute, "x", 0, 100);

        Plan plan = plan("r");

        assertThat(plan.shortfall()).isEqualTo(Plan.Shortfall.UNSUPPORTED);
        assertThatThrownBy(plan::orThrow).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.code()).isEqualTo("unsupported_operation");
        });
    }

    @Test
    void aRouteWhoseMembersAreAllOpenIs503NoMembers() {
        long p = provider("p");
        long route = rows.route("r", "failover");
        rows.member(route, p, "m", 0, 100);
        Candidate only = plan("r").candidates().get(0);
        for (int i = 0; i < 5; i++) {
            health.record(only, Disposition.TRANSIENT, Duration.ZERO);
        }

        assertThatThrownBy(() -> plan("r").orThrow()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("no_members");
        });
    }

    @Test
    void aProviderWithoutEnabledCredentialsIs503NoCredentials() {
        long p = rows.provider("p");
        rows.credential(p, Map.of("enabled", false));
        rows.passthrough(p, "generate_content", "open_ai_chat_completions");

        assertThatThrownBy(() -> plan("p/gpt").orThrow()).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.code()).isEqualTo("no_credentials"));
    }

    @Test
    void aProviderTargetExpandsIntoItsCredentialsWithoutAMember() {
        long p = provider("p");
        rows.credential(p);

        Plan plan = plan("p/gpt-4o");

        assertThat(plan.candidates()).hasSize(2).allSatisfy(c -> {
            assertThat(c.member()).isEmpty();
            assertThat(c.upstreamModel()).isEqualTo("gpt-4o");
            assertThat(c.decision()).isEqualTo(RoutingDecision.PASSTHROUGH);
        });
    }
}
