package gproxy.engine;

import java.util.List;

import gproxy.snapshot.Routing;

/**
 * Where a requested model goes: a route's members, or one provider with the upstream model id.
 * {@link #exposedName()} is the name the caller used after global aliases — the route name, or
 * {@code provider/model} — and is what permissions and rate-limit patterns are matched against.
 */
public sealed interface Resolution {

    String exposedName();

    /** A route; {@code members} are its enabled members in (tier, weight desc) order. */
    record RouteTarget(Routing.Route route, List<Routing.Member> members, String exposedName) implements Resolution {
        public RouteTarget {
            members = List.copyOf(members);
        }
    }

    /** One provider; {@code upstreamModel} is after provider aliases and variant stripping. */
    record ProviderTarget(Routing.Provider provider, String upstreamModel, String exposedName) implements Resolution {
    }
}
