package gproxy.admin;

import java.util.Optional;

import gproxy.error.GatewayException;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The user portal, mounted at {@code /user} (reference §3.4): any enabled user's own identity, usage,
 * limits and keys, and their password. Only the session cookie of {@code POST /admin/login}
 * authenticates here — a gateway API key is refused (401), so a leaked key cannot mint further keys.
 * Cookie mutations pass the CSRF check and leave an audit row, as on the admin API. Everything a
 * handler reads or changes is scoped to the caller; another user's key is a 404, as if absent.
 */
public final class PortalService implements HttpService {
    private final Router router = new Router();
    private final AdminAuth auth;
    private final Csrf csrf;
    private final AuditTrail audit;
    private final SessionResource session;

    PortalService(AdminAuth auth, Csrf csrf, AuditTrail audit, SessionResource session, PortalResource portal) {
        this.auth = auth;
        this.csrf = csrf;
        this.audit = audit;
        this.session = session;
        router.get("/me", portal::me)
                .get("/usage", portal::usage)
                .get("/usage-summary", portal::usageSummary)
                .get("/usage-rollups", portal::usageRollups)
                .get("/quota", portal::quota)
                .get("/rate-limits", portal::rateLimits)
                .get("/route-permissions", portal::routePermissions)
                .get("/keys", portal::keys)
                .post("/keys", portal::createKey)
                .patch("/keys/{id}", portal::updateKey)
                .delete("/keys/{id}", portal::deleteKey)
                .post("/change-password", portal::changePassword);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Method method = req.prologue().method();
        Router.Match match = router.match(method, req.path().path());
        Actor actor = null;
        Reply reply;
        try {
            actor = auth.sessionCaller(req);
            if (!AdminService.isRead(method) && !csrf.allows(req)) {
                throw AdminErrors.csrfRejected();
            }
            reply = dispatch(req, match, actor);
        } catch (RuntimeException e) {
            reply = AdminErrors.reply(req, e);
        }
        if (actor != null && !AdminService.isRead(method)) {
            audit.record(req, actor, reply.status());
        }
        AdminService.send(req, res, actor == null ? reply : session.refresh(req, actor, reply));
    }

    private static Reply dispatch(ServerRequest req, Router.Match match, Actor actor) {
        return switch (match) {
            case Router.Match.Found found -> found.route().action()
                    .handle(new Call(req, Optional.of(actor), found.ids()));
            case Router.Match.WrongMethod wrong -> AdminErrors.methodNotAllowed(req, wrong.allow());
            case Router.Match.NotFound ignored -> throw GatewayException.notFound("portal endpoint "
                    + req.path().absolute().path());
        };
    }
}
