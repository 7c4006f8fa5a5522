package gproxy.access;

import java.util.Optional;

import gproxy.error.GatewayException;
import gproxy.security.ApiKeys;
import gproxy.snapshot.Identity;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Finds the caller of a gateway request from its key, in v2's order of precedence:
 * {@code Authorization: Bearer}, {@code x-api-key}, {@code x-goog-api-key}, {@code ?key=}. The key is
 * looked up by digest in the pinned snapshot (no database read). A missing key, an unknown one and
 * a disabled key or user all get the same opaque 401, so a probe learns nothing.
 */
public final class Authenticator {
    private static final HeaderName X_API_KEY = HeaderNames.create("x-api-key");
    private static final HeaderName X_GOOG_API_KEY = HeaderNames.create("x-goog-api-key");
    private static final String BEARER = "Bearer ";

    private Authenticator() {
    }

    public static Caller authenticate(Identity identity, Headers headers, Optional<String> queryKey) {
        String key = presentedKey(headers, queryKey).orElseThrow(Authenticator::unauthorized);
        String digest = ApiKeys.digest(key);
        Identity.Key found = identity.key(digest).orElseThrow(Authenticator::unauthorized);
        Identity.User user = identity.userForKey(digest).orElseThrow(Authenticator::unauthorized);
        return new Caller(found, user, user.orgId().map(identity.orgs()::get),
                user.teamId().map(identity.teams()::get));
    }

    /** The first key the request presents, by precedence; blank values count as absent. */
    static Optional<String> presentedKey(Headers headers, Optional<String> queryKey) {
        Optional<String> bearer = headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).strip());
        return bearer.filter(Authenticator::present)
                .or(() -> headers.first(X_API_KEY).map(String::strip).filter(Authenticator::present))
                .or(() -> headers.first(X_GOOG_API_KEY).map(String::strip).filter(Authenticator::present))
                .or(() -> queryKey.map(String::strip).filter(Authenticator::present));
    }

    private static boolean present(String value) {
        return !value.isEmpty();
    }

    private static GatewayException unauthorized() {
        return new GatewayException(401, "invalid_api_key", "invalid or missing API key");
    }
}
