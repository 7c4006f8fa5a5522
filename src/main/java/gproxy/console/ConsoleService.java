package gproxy.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Serves {@code console/*} classpath resources under {@code /console}. A path without a file extension
 * is a client-side route and gets {@code index.html}; a missing asset is a 404.
 */
public final class ConsoleService implements HttpService {
    private static final String ROOT = "console/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::asset).get("/{+path}", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String path = req.path().pathParameters().first("path").orElse("");
        if (path.contains("..") || path.contains("\\")) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        String extension = extension(path);
        boolean route = extension.isEmpty();
        String file = route ? "index.html" : path;
        Optional<byte[]> body = read(file);
        String type = TYPES.get(route ? "html" : extension);
        if (body.isEmpty() || type == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type);
        // the shell is revalidated on every load so a new build's module graph is picked up at once
        res.header(HeaderNames.CACHE_CONTROL, route ? "no-cache" : "public, max-age=300");
        res.header("Content-Security-Policy", CSP);
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "same-origin");
        res.send(body.get());
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1) : "";
    }

    private static Optional<byte[]> read(String file) {
        try (InputStream in = ConsoleService.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
