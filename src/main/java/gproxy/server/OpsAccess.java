package gproxy.server;

import java.util.Optional;

import gproxy.cache.CacheBackend;
import gproxy.security.ApiKeys;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Identity;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who may read admin-gated ops endpoints: an enabled admin, by API key header or by session cookie
 * ({@code gproxy_session} → {@code sess:{token}} in the cache, as the admin API issues them).
 */
final class OpsAccess {
    private final ControlPlane controlPlane;
    private final CacheBackend cache;

    OpsAccess(ControlPlane controlPlane, CacheBackend cache) {
        this.controlPlane = controlPlane;
        this.cache = cache;
    }

    boolean isAdmin(ServerRequest req) {
        Identity identity = controlPlane.current().identity();
        Optional<String> key = presentedKey(req);
        if (key.isPresent()) {
            return identity.userForKey(ApiKeys.digest(key.get())).map(Identity.User::admin).orElse(false);
        }
        return req.headers().cookies().first("gproxy_session")
                .flatMap(token -> cache.get("sess:" + token))
                .flatMap(OpsAccess::parseId)
                .map(id -> identity.users().get(id))
                .map(u -> u.enabled() && u.admin())
                .orElse(false);
    }

    static Optional<String> presentedKey(ServerRequest req) {
        Optional<String> bearer = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
        if (bearer.isPresent()) {
            return bearer;
        }
        Optional<String> apiKey = req.headers().first(HeaderNames.create("x-api-key"));
        if (apiKey.isPresent()) {
            return apiKey;
        }
        return req.headers().first(HeaderNames.create("x-goog-api-key"));
    }

    private static Optional<Long> parseId(String value) {
        try {
            return Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
