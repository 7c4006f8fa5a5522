package gproxy.admin;

import java.util.Optional;

import gproxy.cache.CacheUnavailableException;
import gproxy.error.GatewayException;
import gproxy.security.ApiKeys;
import gproxy.security.Passwords;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Identity;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling: the session cookie first (revalidated against the store on every request, so a
 * disabled user is refused at once), then an API key header resolved against the snapshot. An
 * expired or revoked cookie falls through to the key. Every refusal looks the same (401).
 */
final class AdminAuth {
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final HeaderName X_GOOG_API_KEY = HeaderNames.create("x-goog-api-key");

    private final Store store;
    private final ControlPlane controlPlane;
    private final Sessions sessions;

    AdminAuth(Store store, ControlPlane controlPlane, Sessions sessions) {
        this.store = store;
        this.controlPlane = controlPlane;
        this.sessions = sessions;
    }

    /** The caller, or a 401 {@code unauthorized} that says nothing about why. */
    Actor authenticate(ServerRequest req) {
        CacheUnavailableException cacheDown = null;
        Optional<String> token = sessionToken(req);
        if (token.isPresent()) {
            try {
                Optional<Actor> actor = sessionActor(token.get());
                if (actor.isPresent()) {
                    return actor.get();
                }
            } catch (CacheUnavailableException e) {
                cacheDown = e;
            }
        }
        Optional<String> key = presentedKey(req);
        if (key.isPresent()) {
            return controlPlane.current().identity().userForKey(ApiKeys.digest(key.get()))
                    .map(AdminAuth::actor)
                    .orElseThrow(GatewayException::unauthorized);
        }
        if (cacheDown != null) {
            throw cacheDown;
        }
        throw GatewayException.unauthorized();
    }

    /**
     * The caller of the portal: the session cookie only (a gateway API key is not a login), or a 401
     * {@code unauthorized}.
     */
    Actor sessionCaller(ServerRequest req) {
        return sessionToken(req).flatMap(this::sessionActor).orElseThrow(GatewayException::unauthorized);
    }

    /**
     * The enabled user behind a live session; a session of a disabled or deleted user, or one opened
     * under a password the user has changed since, is revoked.
     */
    Optional<Actor> sessionActor(String token) {
        Optional<Sessions.Session> session = sessions.user(token);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Optional<Row> user = store.find(Schema.USERS, session.get().userId()).filter(u -> u.bool("enabled"))
                .filter(u -> session.get().opensUnder(u.optionalText("password")));
        if (user.isEmpty()) {
            sessions.revoke(token);
            return Optional.empty();
        }
        Row u = user.get();
        return Optional.of(new Actor(u.requireId(), u.text("name"), u.bool("is_admin"), Optional.of(token)));
    }

    /**
     * Checks a name and password. Unknown names, wrong passwords, users without a password and
     * disabled users all fail the same way, after the same amount of hashing work.
     */
    LoggedIn login(String username, String password) {
        Optional<Row> user = store.list(Schema.USERS, Query.where("name", username).limit(1)).stream().findFirst();
        String stored = user.flatMap(u -> u.optionalText("password")).orElse(DummyHash.VALUE);
        boolean matches = Passwords.verify(password, stored);
        if (user.isEmpty() || !matches || !user.get().bool("enabled")) {
            throw GatewayException.unauthorized();
        }
        Row u = user.get();
        return new LoggedIn(new Actor(u.requireId(), u.text("name"), u.bool("is_admin"), Optional.empty()),
                u.optionalText("password"));
    }

    /** A login and the password hash it matched: the session it opens remembers which password that was. */
    record LoggedIn(Actor actor, Optional<String> passwordHash) {
    }

    static Optional<String> sessionToken(ServerRequest req) {
        return req.headers().cookies().first(Sessions.COOKIE).asOptional().filter(t -> !t.isBlank());
    }

    static Optional<String> presentedKey(ServerRequest req) {
        Optional<String> bearer = req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip());
        if (bearer.isPresent()) {
            return bearer;
        }
        Optional<String> apiKey = req.headers().first(X_API_KEY);
        return apiKey.isPresent() ? apiKey : req.headers().first(X_GOOG_API_KEY);
    }

    private static Actor actor(Identity.User user) {
        return new Actor(user.id(), user.name(), user.admin(), Optional.empty());
    }

    /** A real hash to verify against when the user is unknown, so timing does not tell names apart. */
    private static final class DummyHash {
        static final String VALUE = Passwords.hash("gproxy-no-such-user");
    }
}
