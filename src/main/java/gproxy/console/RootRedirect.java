package gproxy.console;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /} (and {@code HEAD /}) answer 302 to {@code /console/}, so a browser pointed at the
 * gateway's address finds the console. Only the bare root: no client dialect has a route there, and
 * every other path is left to the surfaces mounted after this one.
 */
public final class RootRedirect implements HttpService {
    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::redirect).head("/", this::redirect);
    }

    private void redirect(ServerRequest req, ServerResponse res) {
        res.status(Status.FOUND_302);
        res.header(HeaderNames.LOCATION, "/console/");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send();
    }
}
