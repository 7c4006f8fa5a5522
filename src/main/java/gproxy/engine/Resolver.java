package gproxy.engine;

import java.util.List;
import java.util.Optional;

import gproxy.error.GatewayException;
import gproxy.snapshot.Routing;
import gproxy.snapshot.Routing.Alias;
import gproxy.snapshot.Routing.Provider;

/**
 * Model name → {@link Resolution} (reference §5.1). Pure: reads the snapshot's routing index only.
 *
 * <p>Aggregated: the first global alias that matches the whole name rewrites it; the result is a
 * route name, or else {@code provider/model} (split at the first {@code /}, the provider must be
 * enabled); the provider's aliases and then its variant map rewrite the model part. Scoped: the
 * mount names the provider and only its aliases and variants apply; routes are never consulted.
 */
public final class Resolver {

    private Resolver() {
    }

    /**
     * @throws GatewayException 400 {@code invalid_request} for a blank model, 404
     *                          {@code unknown_provider} for a provider that is missing or
     *                          disabled, 404 {@code unknown_model} for a name that is neither a
     *                          route nor {@code provider/model}
     */
    public static Resolution resolve(Routing routing, Mount mount, String model) {
        if (model.isBlank()) {
            throw GatewayException.invalid("model", "must not be blank");
        }
        return switch (mount) {
            case Mount.Scoped scoped -> provider(routing, scoped.provider(), model);
            case Mount.Aggregated aggregated -> aggregated(routing, model);
        };
    }

    /**
     * The provider a scoped mount names, for a request that names no model (a model list): the
     * upstream model is empty and the exposed name is the provider's, which permissions match.
     *
     * @throws GatewayException 404 {@code unknown_provider}
     */
    public static Resolution.ProviderTarget scoped(Routing routing, Mount.Scoped mount) {
        Provider provider = routing.provider(mount.provider()).orElseThrow(() -> new GatewayException(404,
                "unknown_provider", "provider '" + mount.provider() + "' does not exist or is disabled"));
        return new Resolution.ProviderTarget(provider, "", mount.provider());
    }

    private static Resolution aggregated(Routing routing, String requested) {
        String model = firstMatch(routing.globalAliases(), requested).orElse(requested);
        Optional<Routing.Route> route = routing.route(model);
        if (route.isPresent()) {
            return new Resolution.RouteTarget(route.get(), route.get().members(), model);
        }
        int slash = model.indexOf('/');
        if (slash <= 0 || slash == model.length() - 1) {
            throw new GatewayException(404, "unknown_model", "model '" + model + "' is not a route or provider/model");
        }
        return provider(routing, model.substring(0, slash), model.substring(slash + 1));
    }

    private static Resolution provider(Routing routing, String name, String model) {
        Provider provider = routing.provider(name).orElseThrow(() ->
                new GatewayException(404, "unknown_provider", "provider '" + name + "' does not exist or is disabled"));
        String aliased = firstMatch(provider.aliases(), model).orElse(model);
        return new Resolution.ProviderTarget(provider, provider.baseModel(aliased), name + "/" + model);
    }

    private static Optional<String> firstMatch(List<Alias> aliases, String model) {
        for (Alias alias : aliases) {
            Optional<String> rewritten = alias.apply(model);
            if (rewritten.isPresent()) {
                return rewritten;
            }
        }
        return Optional.empty();
    }
}
