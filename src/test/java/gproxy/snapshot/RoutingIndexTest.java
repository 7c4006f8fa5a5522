package gproxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing.Alias;
import gproxy.snapshot.Routing.BreakerSettings;
import gproxy.snapshot.Routing.Credential;
import gproxy.snapshot.Routing.Member;
import gproxy.snapshot.Routing.Provider;

class RoutingIndexTest {
    private static final OperationKey CHAT = OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT);
    private final RoutingRows rows = new RoutingRows();

    @Test
    void anAliasWhoseRegexDoesNotCompileIsSkippedWithoutFailingTheSnapshot() {
        rows.alias("*", "gpt-(4", "broken", 0);
        rows.alias("*", "fast", "openai/gpt-4o-mini", 1);

        Routing routing = rows.routing();

        assertThat(routing.globalAliases()).extracting(Alias::target).containsExactly("openai/gpt-4o-mini");
    }

    @Test
    void anAliasWhoseTargetNamesAMissingGroupIsSkipped() {
        rows.alias("*", "claude-(.*)", "anthropic/$2", 0);
        rows.alias("*", "x-(?<rest>.*)", "p/${other}", 1);
        rows.alias("*", "y-(.*)", "p/$", 2);
        rows.alias("*", "z-(?<rest>.*)", "p/${rest}-$1\\$", 3);

        assertThat(rows.routing().globalAliases()).extracting(Alias::target).containsExactly("p/${rest}-$1\\$");
    }

    @Test
    void globalAliasesAreOrderedBySortOrderThenIdAndProviderAliasesAreKeptApart() {
        rows.provider("openai");
        rows.alias("*", "b", "2", 5);
        rows.alias("*", "a", "1", 1);
        rows.alias("*", "c", "3", 5);
        rows.alias("openai", "d", "4", 0);
        rows.alias("*", "off", "x", 0, Map.of("enabled", false));

        Routing routing = rows.routing();

        assertThat(routing.globalAliases()).extracting(Alias::target).containsExactly("1", "2", "3");
        assertThat(routing.provider("openai").orElseThrow().aliases()).extracting(Alias::target).containsExactly("4");
    }

    @Test
    void disabledProvidersMembersCredentialsAndRoutesAreExcluded() {
        long on = rows.provider("on");
        long off = rows.provider("off", Map.of("enabled", false));
        rows.credential(on);
        rows.credential(on, Map.of("enabled", false));
        rows.credential(off);
        long route = rows.route("fast", "failover");
        rows.member(route, on, "m1", 0, 100);
        rows.member(route, on, "m2", 0, 100, Map.of("enabled", false));
        rows.member(route, off, "m3", 0, 100);
        rows.route("gone", "failover", Map.of("enabled", false));

        Routing routing = rows.routing();

        assertThat(routing.providersByName()).containsOnlyKeys("on");
        assertThat(routing.provider(off)).isEmpty();
        assertThat(routing.provider("on").orElseThrow().credentials()).extracting(Credential::id).containsExactly(1L);
        assertThat(routing.routes()).containsOnlyKeys("fast");
        assertThat(routing.route("fast").orElseThrow().members()).extracting(Member::upstreamModel).containsExactly("m1");
    }

    @Test
    void membersArePreSortedByTierThenWeightDescending() {
        long p = rows.provider("p");
        long route = rows.route("r", "failover");
        rows.member(route, p, "t1-light", 1, 10);
        rows.member(route, p, "t0-light", 0, 10);
        rows.member(route, p, "t0-heavy", 0, 90);
        rows.member(route, p, "t1-heavy", 1, 90);

        assertThat(rows.routing().route("r").orElseThrow().members()).extracting(Member::upstreamModel)
                .containsExactly("t0-heavy", "t0-light", "t1-heavy", "t1-light");
    }

    @Test
    void credentialsKeepIdOrderAndTheirLimitsButNotTheirSecret() {
        long p = rows.provider("p");
        rows.credential(p, Map.of("rpm_limit", 60L));
        rows.credential(p, Map.of("tpm_limit", 1000L, "name", "second"));

        Provider provider = rows.routing().provider("p").orElseThrow();

        assertThat(provider.credentials()).containsExactly(
                new Credential(1, p, "", "api_key", 100, OptionalLong.of(60), OptionalLong.empty()),
                new Credential(2, p, "second", "api_key", 100, OptionalLong.empty(), OptionalLong.of(1000)));
        assertThat(Credential.class.getRecordComponents()).extracting(c -> c.getName()).doesNotContain("secret");
    }

    @Test
    void routingRulesBecomeDecisionsAndUnknownOrDisabledRowsAreIgnored() {
        long p = rows.provider("p", Map.of("channel", "not-a-channel"));
        rows.passthrough(p, "generate_content", "open_ai_chat_completions");
        rows.rule(p, "stream_generate_content", "claude_messages", "transform_to", Map.of("dest_kind", "open_ai_chat_completions"));
        rows.rule(p, "count_tokens", "claude", "transform_to", Map.of());
        rows.rule(p, "list_models", "open_ai", "local", Map.of());
        rows.rule(p, "create_speech", "open_ai", "passthrough", Map.of());
        rows.rule(p, "generate_content", "claude_messages", "passthrough", Map.of("enabled", false));

        Provider provider = rows.routing().provider("p").orElseThrow();

        assertThat(provider.decision(CHAT)).isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(provider.decision(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)))
                .isEqualTo(RoutingDecision.transformTo(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT));
        assertThat(provider.decision(OperationKey.of(Operation.COUNT_TOKENS, Kind.CLAUDE)))
                .isEqualTo(RoutingDecision.UNSUPPORTED);
        assertThat(provider.decision(OperationKey.of(Operation.LIST_MODELS, Kind.OPENAI))).isEqualTo(RoutingDecision.LOCAL);
        assertThat(provider.decision(OperationKey.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)))
                .isEqualTo(RoutingDecision.UNSUPPORTED);
        assertThat(provider.rules()).hasSize(4);
    }

    @Test
    void aCellWithoutAnEnabledRowFollowsTheChannelAndARowAlwaysWins() {
        long p = rows.provider("p");
        rows.rule(p, "generate_content", "open_ai_chat_completions", "unsupported", Map.of());
        rows.rule(p, "generate_content", "claude_messages", "passthrough", Map.of("enabled", false));

        Provider provider = rows.routing().provider("p").orElseThrow();

        assertThat(provider.decision(CHAT)).as("the operator's row").isEqualTo(RoutingDecision.UNSUPPORTED);
        assertThat(provider.decision(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT)))
                .as("no row: the openai channel's default").isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(provider.decision(OperationKey.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)))
                .as("disabled row: the channel's default")
                .isEqualTo(RoutingDecision.transformTo(Operation.GENERATE_CONTENT, Kind.OPENAI_RESPONSES));
    }

    @Test
    void namedVariantsMapToTheirBaseModelInBothJsonForms() {
        long p = rows.provider("p");
        rows.model(p, "gpt-5", "[\"gpt-5-fast\"]");
        rows.model(p, "qwen-max", "{\"expose_base\": false, \"variants\": [\"qwen-fast\", \"qwen-max\"]}");
        rows.model(p, "plain", null);
        rows.model(p, "broken", "\"nope\"");

        Provider provider = rows.routing().provider("p").orElseThrow();

        assertThat(provider.variants()).containsOnly(Map.entry("gpt-5-fast", "gpt-5"), Map.entry("qwen-fast", "qwen-max"));
        assertThat(provider.models()).containsExactly("gpt-5", "qwen-max", "plain", "broken");
        assertThat(provider.baseModel("gpt-5-fast")).isEqualTo("gpt-5");
        assertThat(provider.baseModel("other")).isEqualTo("other");
    }

    @Test
    void breakerSettingsComeFromTheProviderAndTheRouteOverridesThemForItsMembers() {
        long p = rows.provider("p", Map.of("settings_json", "{\"circuit_breaker\": {\"consecutive_failures\": 3}}"));
        long plain = rows.provider("plain", Map.of("settings_json", "not json"));
        long route = rows.route("r", "failover", Map.of("settings_json", "{\"circuit_breaker\": {\"cooldown_secs\": 60}}"));
        rows.member(route, p, "m", 0, 100);
        rows.member(route, plain, "m", 0, 50);

        Routing routing = rows.routing();

        assertThat(routing.provider("p").orElseThrow().breaker()).isEqualTo(new BreakerSettings(3, Duration.ofSeconds(30)));
        assertThat(routing.provider("plain").orElseThrow().breaker()).isEqualTo(BreakerSettings.DEFAULT);
        assertThat(routing.provider("plain").orElseThrow().settings().isObject()).isTrue();
        assertThat(routing.route("r").orElseThrow().members()).extracting(Member::breaker).containsExactly(
                new BreakerSettings(3, Duration.ofSeconds(60)), new BreakerSettings(5, Duration.ofSeconds(60)));
    }

    @Test
    void anUnknownCredentialStrategyFallsBackToRoundRobin() {
        rows.provider("s", Map.of("credential_strategy", "sticky"));
        rows.provider("odd", Map.of("credential_strategy", "random"));

        Routing routing = rows.routing();

        assertThat(routing.provider("s").orElseThrow().credentialStrategy()).isEqualTo(Routing.CredentialStrategy.STICKY);
        assertThat(routing.provider("odd").orElseThrow().credentialStrategy())
                .isEqualTo(Routing.CredentialStrategy.ROUND_ROBIN);
    }

    @Test
    void theEmptySnapshotHasAnEmptyRoutingIndex() {
        assertThat(Snapshot.empty().routing()).isEqualTo(Routing.EMPTY);
        assertThat(Routing.index(Map.of())).isEqualTo(Routing.EMPTY);
    }
}
