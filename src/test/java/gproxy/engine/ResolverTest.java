package gproxy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;
import gproxy.snapshot.Routing;
import gproxy.snapshot.RoutingRows;

class ResolverTest {
    private final RoutingRows rows = new RoutingRows();

    @Test
    void aRouteNameResolvesToTheRouteWithItsMembers() {
        long p = rows.provider("openai");
        long route = rows.route("fast", "failover");
        rows.member(route, p, "gpt-4o-mini", 0, 100);

        Resolution r = Resolver.resolve(rows.routing(), Mount.AGGREGATED, "fast");

        assertThat(r).isInstanceOfSatisfying(Resolution.RouteTarget.class, t -> {
            assertThat(t.route().name()).isEqualTo("fast");
            assertThat(t.members()).extracting(Routing.Member::upstreamModel).containsExactly("gpt-4o-mini");
        });
        assertThat(r.exposedName()).isEqualTo("fast");
    }

    @Test
    void providerSlashModelResolvesToTheProviderSplittingAtTheFirstSlash() {
        rows.provider("openrouter");

        Resolution r = Resolver.resolve(rows.routing(), Mount.AGGREGATED, "openrouter/meta-llama/llama-3-70b");

        assertThat(r).isEqualTo(new Resolution.ProviderTarget(rows.routing().provider("openrouter").orElseThrow(),
                "meta-llama/llama-3-70b", "openrouter/meta-llama/llama-3-70b"));
    }

    @Test
    void aRouteWinsOverAProviderOfTheSameLeadingSegment() {
        long p = rows.provider("openai");
        long route = rows.route("openai/gpt-4o", "failover");
        rows.member(route, p, "gpt-4o-2024-08-06", 0, 100);

        assertThat(Resolver.resolve(rows.routing(), Mount.AGGREGATED, "openai/gpt-4o"))
                .isInstanceOf(Resolution.RouteTarget.class);
    }

    @Test
    void anUnknownNameIsA404UnknownModelAndAnUnknownProviderA404UnknownProvider() {
        rows.provider("off", java.util.Map.of("enabled", false));
        Routing routing = rows.routing();

        assertThatThrownBy(() -> Resolver.resolve(routing, Mount.AGGREGATED, "nothing"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("unknown_model");
                });
        assertThatThrownBy(() -> Resolver.resolve(routing, Mount.AGGREGATED, "off/gpt-4o"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("unknown_provider");
                });
        assertThatThrownBy(() -> Resolver.resolve(routing, Mount.scoped("missing"), "gpt-4o"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("unknown_provider"));
    }

    @Test
    void aBlankModelIsAnInvalidRequest() {
        assertThatThrownBy(() -> Resolver.resolve(Routing.EMPTY, Mount.AGGREGATED, " "))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void globalAliasesMatchTheWholeNameOnly() {
        rows.provider("anthropic");
        rows.alias("*", "claude", "anthropic/claude-sonnet-4", 0);

        Routing routing = rows.routing();

        assertThat(Resolver.resolve(routing, Mount.AGGREGATED, "claude").exposedName())
                .isEqualTo("anthropic/claude-sonnet-4");
        assertThatThrownBy(() -> Resolver.resolve(routing, Mount.AGGREGATED, "claude-x"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("unknown_model"));
    }

    @Test
    void theFirstMatchingGlobalAliasWinsInSortOrderAndMaySubstituteGroups() {
        rows.provider("anthropic");
        rows.provider("other");
        rows.alias("*", "claude-(.*)", "other/$1", 2);
        rows.alias("*", "claude-(?<v>.*)", "anthropic/claude-${v}-latest", 1);

        Resolution r = Resolver.resolve(rows.routing(), Mount.AGGREGATED, "claude-opus");

        assertThat(r).isInstanceOfSatisfying(Resolution.ProviderTarget.class, t -> {
            assertThat(t.provider().name()).isEqualTo("anthropic");
            assertThat(t.upstreamModel()).isEqualTo("claude-opus-latest");
        });
    }

    @Test
    void aGlobalAliasMayPointAtARoute() {
        long p = rows.provider("openai");
        long route = rows.route("fast", "failover");
        rows.member(route, p, "gpt-4o-mini", 0, 100);
        rows.alias("*", "gpt-3\\.5-.*", "fast", 0);

        Resolution r = Resolver.resolve(rows.routing(), Mount.AGGREGATED, "gpt-3.5-turbo");

        assertThat(r).isInstanceOf(Resolution.RouteTarget.class);
        assertThat(r.exposedName()).isEqualTo("fast");
    }

    @Test
    void providerAliasesThenVariantsRewriteTheModelButNotTheExposedName() {
        long p = rows.provider("deepseek");
        rows.alias("deepseek", "ds-(.*)", "deepseek-$1", 0);
        rows.model(p, "deepseek-chat", "[\"deepseek-chat-thinking\"]");

        Resolution r = Resolver.resolve(rows.routing(), Mount.AGGREGATED, "deepseek/ds-chat-thinking");

        assertThat(r).isInstanceOfSatisfying(Resolution.ProviderTarget.class, t -> {
            assertThat(t.upstreamModel()).isEqualTo("deepseek-chat");
            assertThat(t.exposedName()).isEqualTo("deepseek/ds-chat-thinking");
        });
    }

    @Test
    void aScopedMountUsesOnlyThatProvidersAliasesAndNeverARoute() {
        long p = rows.provider("openai");
        long route = rows.route("gpt-4o", "failover");
        rows.member(route, p, "other-model", 0, 100);
        rows.alias("*", "gpt-4o", "openai/global-target", 0);
        rows.alias("openai", "4o", "gpt-4o-2024-08-06", 0);

        Routing routing = rows.routing();

        assertThat(Resolver.resolve(routing, Mount.scoped("openai"), "gpt-4o")).isEqualTo(new Resolution.ProviderTarget(
                routing.provider("openai").orElseThrow(), "gpt-4o", "openai/gpt-4o"));
        assertThat(Resolver.resolve(routing, Mount.scoped("openai"), "4o"))
                .isInstanceOfSatisfying(Resolution.ProviderTarget.class,
                        t -> assertThat(t.upstreamModel()).isEqualTo("gpt-4o-2024-08-06"));
    }

    @Test
    void aScopedMountStripsVariantsAndPassesUnknownModelsThrough() {
        long p = rows.provider("openai");
        rows.model(p, "gpt-image-1", "{\"variants\": [\"gpt-image-1-hd\"]}");

        Routing routing = rows.routing();

        assertThat(((Resolution.ProviderTarget) Resolver.resolve(routing, Mount.scoped("openai"), "gpt-image-1-hd"))
                .upstreamModel()).isEqualTo("gpt-image-1");
        assertThat(((Resolution.ProviderTarget) Resolver.resolve(routing, Mount.scoped("openai"), "brand-new"))
                .upstreamModel()).isEqualTo("brand-new");
    }
}
