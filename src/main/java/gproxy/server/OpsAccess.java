package gproxy.server;

import java.util.Optional;
import java.util.function.LongFunction;

import gproxy.cache.CacheBackend;
import gproxy.security.ApiKeys;
import gproxy.security.Passwords;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Identity;
import gproxy.store.Row;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who may read admin-gated ops endpoints: an enabled admin, by API key header or by session cookie
 * ({@code gproxy_session} → {@code sess:{token}} → {@code {user id} {password fingerprint}} in the
 * cache, as the admin API issues them). A session opened under a password the user has changed since
 * is no session (as in {@code gproxy.admin.AdminAuth}).
 */
final class OpsAccess {
    private final ControlPlane controlPlane;
    private final CacheBackend cache;
    private final LongFunction<Optional<Row>> users;

    /** @param users the {@code users} row of an id, as stored now */
    OpsAccess(ControlPlane controlPlane, CacheBackend cache, LongFunction<Optional<Row>> users) {
        this.controlPlane = controlPlane;
        this.cache = cache;
        this.users = users;
    }

    boolean isAdmin(ServerRequest req) {
        Identity identity = controlPlane.current().identity();
        Optional<String> key = presentedKey(req);
        if (key.isPresent()) {
            return identity.userForKey(ApiKeys.digest(key.get())).map(Identity.User::admin).orElse(false);
        }
        return req.headers().cookies().first("gproxy_session")
                .flatMap(token -> cache.get("sess:" + token))
                .map(value -> value.strip().split(" "))
                .filter(parts -> parts.length == 2)
                .flatMap(parts -> parseId(parts[0]).flatMap(users::apply)
                        .filter(u -> parts[1].equals(Passwords.fingerprint(u.optionalText("password")))))
                .map(u -> u.bool("enabled") && u.bool("is_admin"))
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
