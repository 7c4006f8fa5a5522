package gproxy.engine;

import java.util.Optional;

import gproxy.protocol.RoutingDecision;
import gproxy.snapshot.Routing;

/**
 * One thing the attempt loop may try: a provider credential serving an upstream model, with the
 * provider's routing decision for the request's operation (never {@code Unsupported}: those are
 * dropped while planning).
 *
 * @param member the route member it came from, keying the member breaker and latency; empty for a
 *               provider target
 */
public record Candidate(Routing.Provider provider, Routing.Credential credential, String upstreamModel,
                        Optional<Routing.Member> member, RoutingDecision decision) {

    @Override
    public String toString() {
        return "Candidate[provider " + provider.id() + ", credential " + credential.id() + ", model " + upstreamModel
                + member.map(m -> ", member " + m.id()).orElse("") + ", " + decision.implementation() + "]";
    }
}
