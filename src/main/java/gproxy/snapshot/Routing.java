package gproxy.snapshot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.store.Row;

/**
 * The routing index of one snapshot: everything resolution and candidate planning look up, built
 * once from the rows so the request path never scans a table. Only enabled things are in it: a
 * disabled provider vanishes with its credentials, members and aliases; a disabled route, member,
 * credential, alias or routing rule is simply absent. Secrets are not here: they are opened from
 * the credential row at use.
 *
 * <p>The {@link JsonNode} settings are shared by every request of the snapshot: read them, never
 * change them.
 *
 * @param providersByName enabled providers by their unique name
 * @param providersById   the same providers by id
 * @param routes          enabled routes by name
 * @param globalAliases   enabled {@code provider='*'} aliases in (sort_order, id) order
 */
public record Routing(Map<String, Provider> providersByName,
                      Map<Long, Provider> providersById,
                      Map<String, Route> routes,
                      List<Alias> globalAliases) {

    public static final Routing EMPTY = new Routing(Map.of(), Map.of(), Map.of(), List.of());

    public Routing {
        providersByName = Map.copyOf(providersByName);
        providersById = Map.copyOf(providersById);
        routes = Map.copyOf(routes);
        globalAliases = List.copyOf(globalAliases);
    }

    /** Builds the index from control-plane rows by table name; bad rows are skipped and logged, never fatal. */
    public static Routing index(Map<String, List<Row>> rowsByTable) {
        return RoutingIndex.build(rowsByTable);
    }

    public Optional<Provider> provider(String name) {
        return Optional.ofNullable(providersByName.get(name));
    }

    public Optional<Provider> provider(long id) {
        return Optional.ofNullable(providersById.get(id));
    }

    public Optional<Route> route(String name) {
        return Optional.ofNullable(routes.get(name));
    }

    /**
     * An enabled provider with what planning needs from its dependants.
     *
     * @param credentials enabled credentials in id order
     * @param aliases     this provider's enabled aliases in (sort_order, id) order
     * @param models      enabled {@code provider_models} ids in id order
     * @param variants    variant model id → base model id, from {@code variants_json}
     * @param rules       the channel's declared matrix with the provider's enabled rows over it; a
     *                    key that is absent from both is unsupported
     */
    public record Provider(long id, String name, String channel, JsonNode settings,
                           CredentialStrategy credentialStrategy, BreakerSettings breaker,
                           List<Credential> credentials, List<Alias> aliases, List<String> models,
                           Map<String, String> variants, Map<OperationKey, RoutingDecision> rules) {
        public Provider {
            credentials = List.copyOf(credentials);
            aliases = List.copyOf(aliases);
            models = List.copyOf(models);
            variants = Map.copyOf(variants);
            rules = Map.copyOf(rules);
        }

        /** The routing-rule matrix cell; a cell neither the rows nor the channel fill is unsupported. */
        public RoutingDecision decision(OperationKey key) {
            return rules.getOrDefault(key, RoutingDecision.UNSUPPORTED);
        }

        /** The base model of a named variant, or the model itself. */
        public String baseModel(String model) {
            return variants.getOrDefault(model, model);
        }

        @Override
        public String toString() {
            return "Provider[" + id + " " + name + "]";
        }
    }

    /** {@code providers.credential_strategy}. */
    public enum CredentialStrategy { ROUND_ROBIN, STICKY }

    /** An enabled credential without its secret. Limits are per minute; absent means unlimited. */
    public record Credential(long id, long providerId, String name, String kind, long weight,
                             OptionalLong rpmLimit, OptionalLong tpmLimit) {
    }

    /**
     * An enabled route.
     *
     * @param strategy the {@code routes.strategy} text as stored; the engine interprets it
     * @param members  enabled members of enabled providers, by (tier asc, weight desc, id asc)
     */
    public record Route(long id, String name, String strategy, JsonNode settings, List<Member> members) {
        public Route {
            members = List.copyOf(members);
        }

        @Override
        public String toString() {
            return "Route[" + id + " " + name + "]";
        }
    }

    /**
     * One route member.
     *
     * @param breaker the member breaker's settings: the route's {@code circuit_breaker} over the
     *                provider's over the defaults
     */
    public record Member(long id, long routeId, long providerId, String upstreamModel, long tier, long weight,
                         BreakerSettings breaker) {
    }

    /**
     * A compiled alias: a full-match regex and its replacement ({@code $1}, {@code ${name}}). The
     * replacement's group references were checked against the pattern at build.
     *
     * @param scope {@code "*"} or the provider name
     */
    public record Alias(long id, String scope, Pattern pattern, String target, long sortOrder) {

        /** The rewritten model when the whole name matches; empty otherwise. */
        public Optional<String> apply(String model) {
            Matcher m = pattern.matcher(model);
            if (!m.matches()) {
                return Optional.empty();
            }
            // The match spans the whole input, so the replacement alone is the result.
            StringBuilder out = new StringBuilder(target.length() + model.length());
            m.appendReplacement(out, target);
            return Optional.of(out.toString());
        }
    }

    /**
     * {@code settings_json.circuit_breaker}: open after {@code consecutiveFailures} failures in a
     * row, stay open for {@code cooldown} (doubled per failed probe by the engine, capped).
     */
    public record BreakerSettings(int consecutiveFailures, Duration cooldown) {
        /** The documented defaults (features §5.6). */
        public static final BreakerSettings DEFAULT = new BreakerSettings(5, Duration.ofSeconds(30));

        public BreakerSettings {
            if (consecutiveFailures < 1) {
                throw new IllegalArgumentException("consecutive_failures: " + consecutiveFailures + " (expected: >= 1)");
            }
            if (cooldown.isNegative() || cooldown.isZero()) {
                throw new IllegalArgumentException("cooldown_secs: " + cooldown.toSeconds() + " (expected: >= 1)");
            }
        }

        /** The fields present (and positive) in {@code settings.circuit_breaker}, over {@code base}. */
        static BreakerSettings from(JsonNode settings, BreakerSettings base) {
            JsonNode cb = settings.path("circuit_breaker");
            JsonNode failures = cb.path("consecutive_failures");
            JsonNode secs = cb.path("cooldown_secs");
            int n = failures.canConvertToInt() && failures.asInt() >= 1 ? failures.asInt() : base.consecutiveFailures;
            Duration d = secs.canConvertToLong() && secs.asLong() >= 1 ? Duration.ofSeconds(secs.asLong()) : base.cooldown;
            return n == base.consecutiveFailures && d.equals(base.cooldown) ? base : new BreakerSettings(n, d);
        }
    }
}
