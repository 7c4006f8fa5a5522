package gproxy.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The CSRF rule for cookie-authenticated mutations: the {@code Origin} (or, without one, the
 * {@code Referer}) must name this host — its authority equal to {@code Host} — or be one of the
 * configured CORS origins, compared exactly with the scheme. A request carrying neither header
 * passes (non-browser clients); header-key callers are never checked.
 */
final class Csrf {
    private final List<String> corsOrigins;

    Csrf(List<String> corsOrigins) {
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    boolean allows(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        Optional<String> source = origin.isPresent() ? origin : req.headers().first(HeaderNames.REFERER);
        if (source.isEmpty()) {
            return true;
        }
        Optional<URI> uri = parse(source.get());
        if (uri.isEmpty()) {
            return false;
        }
        String authority = uri.get().getRawAuthority();
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        if (host.isPresent() && host.get().equalsIgnoreCase(authority)) {
            return true;
        }
        return corsOrigins.contains(uri.get().getScheme() + "://" + authority);
    }

    /** Whether {@code origin} is a configured CORS origin on another host (cross-site cookies needed). */
    boolean crossSiteOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty() || !corsOrigins.contains(origin.get())) {
            return false;
        }
        Optional<URI> uri = parse(origin.get());
        Optional<String> host = req.headers().first(HeaderNames.HOST);
        return uri.isPresent() && !(host.isPresent() && host.get().equalsIgnoreCase(uri.get().getRawAuthority()));
    }

    private static Optional<URI> parse(String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
