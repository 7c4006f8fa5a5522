package gproxy.admin;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import gproxy.access.QuotaPending;
import gproxy.cache.CacheBackend;
import gproxy.config.Settings;
import gproxy.engine.Health;
import gproxy.error.GatewayException;
import gproxy.http1.ProxySpec;
import gproxy.security.SecretBox;
import gproxy.snapshot.ControlPlane;
import gproxy.store.AppendQueue;
import gproxy.store.Store;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The admin API, mounted at {@code /admin}. Every request runs the same pipeline: match the route,
 * authenticate (session cookie or admin API key), require an administrator, check CSRF for cookie
 * mutations, run the handler, audit mutations with their final status, write the reply (HEAD
 * without a body). The route table below is the whole API.
 */
public final class AdminService implements HttpService {
    private static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");
    private final Router router = new Router();
    private final AdminAuth auth;
    private final Csrf csrf;
    private final AuditTrail audit;
    private final SessionResource session;
    private final PortalService portal;

    /**
     * @param health     this process's one {@link Health}, the instance the data plane consults, so an
     *                   operator reset clears the breakers requests actually see
     * @param usageFlush writes the usage rows still queued (settlement's writer), run before usage reads
     * @param logFlush   writes the queued request-log rows, so a log read sees the request just made
     */
    public AdminService(Store store, ControlPlane controlPlane, CacheBackend cache, SecretBox secretBox,
                        AppendQueue appends, Health health, Settings settings, Clock clock, Runnable usageFlush,
                        Runnable logFlush) {
        Sessions sessions = new Sessions(cache);
        this.auth = new AdminAuth(store, controlPlane, sessions);
        this.csrf = new Csrf(settings.corsOrigins());
        this.audit = new AuditTrail(store, appends, clock, ClientIp.trusting(settings.trustedProxies()));
        this.session = new SessionResource(auth, sessions, csrf, audit);
        ConfigWriter writer = new ConfigWriter(store, controlPlane);
        EntityResource entities = new EntityResource(store, writer);
        Entities e = new Entities(secretBox);
        CredentialResource credentials = new CredentialResource(store, writer, entities, e.credentials);
        InstanceSettingsResource settingsRows = new InstanceSettingsResource(store, writer, entities);
        UsageResource usage = new UsageResource(store, usageFlush);
        this.portal = new PortalService(auth, csrf, audit, session,
                new PortalResource(store, writer, entities, e.userKeys, usage, sessions));

        routes(entities, e, credentials, settingsRows);
        observability(new LogResource(store, logFlush));
        usage(usage);
        presets(new RulePresetResource(writer));
        router.get("/quota-pending", new QuotaPendingResource(store, new QuotaPending(cache, clock))::list);
        operations(new RoutingRuleResource(writer), new CredentialStatusResource(store, health),
                new UpstreamModels(store, writer, (CredentialShape) e.credentials.shape(),
                        settings.upstreamProxyUrl().map(ProxySpec::parse)));
    }

    /** The whole admin API. */
    private void routes(EntityResource entities, Entities e, CredentialResource credentials,
                        InstanceSettingsResource settingsRows) {
        router.publicPost("/login", session::login).publicPost("/logout", session::logout).get("/me", session::me);
        for (Entity top : List.of(e.orgs, e.providers, e.routes, e.aliases, e.priceRules, e.ruleSets, e.users)) {
            router.get("/" + top.path(), c -> entities.list(top, c))
                    .post("/" + top.path(), c -> entities.upsert(top, c))
                    .get("/" + top.path() + "/{id}", c -> entities.get(top, c))
                    .delete("/" + top.path() + "/{id}", c -> entities.delete(top, c));
        }
        nested(entities, "/orgs/{pid}/teams", e.teams);
        nested(entities, "/providers/{pid}/models", e.providerModels);
        nested(entities, "/providers/{pid}/credentials", e.credentials);
        nested(entities, "/providers/{pid}/routing-rules", e.routingRules);
        nested(entities, "/providers/{pid}/rule-sets", e.providerRuleSets);
        nested(entities, "/routes/{pid}/members", e.routeMembers);
        nested(entities, "/rule-sets/{pid}/rules", e.rules);
        nested(entities, "/users/{pid}/keys", e.userKeys);
        router.get("/providers/{pid}/credentials/{id}", c -> entities.getUnder(e.credentials, c))
                .post("/providers/{pid}/credentials/import", credentials::importAll)
                .auditedGet("/credentials/{id}/secret", credentials::reveal);
        for (Entity child : List.of(e.credentials, e.userKeys, e.teams, e.providerModels, e.routeMembers, e.rules,
                e.routingRules, e.providerRuleSets, e.routePermissions, e.rateLimits, e.quotas)) {
            router.delete("/" + child.path() + "/{id}", c -> entities.delete(child, c));
        }
        for (Entity authz : List.of(e.routePermissions, e.rateLimits, e.quotas)) {
            router.get("/" + authz.path(), c -> entities.list(authz, c))
                    .post("/" + authz.path(), c -> entities.upsert(authz, c));
        }
        router.get("/instance-settings", settingsRows::get).post("/instance-settings", settingsRows::upsert)
                .get("/audit", audit::list).get("/channels", Channels::catalogue);
    }

    /** Request logs and the audit log: reads and purges (reference §3.2 "Observability"). */
    private void observability(LogResource logs) {
        router.get("/logs", logs::list).delete("/logs", logs::purge)
                .get("/logs/*/downstream", logs::downstream).get("/logs/*/upstream", logs::upstream)
                .delete("/audit", audit::purge);
    }

    /** Ready-made rule sets: list, fill a set from one, fill and attach it to a provider. */
    private void presets(RulePresetResource presets) {
        router.get("/rule-presets", presets::list).post("/rule-presets/*", presets::apply)
                .post("/providers/{pid}/rule-presets/*", presets::applyToProvider);
    }

    /** Routing-rule reset, health views and resets, the live upstream model pull. */
    private void operations(RoutingRuleResource rules, CredentialStatusResource statuses, UpstreamModels models) {
        router.post("/providers/{pid}/routing-rules/reset", rules::reset)
                .get("/providers/{pid}/upstream-models", models::pull)
                .get("/credentials/{id}/status", statuses::status)
                .delete("/credentials/{id}/status", statuses::resetStatus)
                .get("/credentials/{id}/model-statuses", statuses::modelStatuses)
                .delete("/credentials/{id}/model-statuses", statuses::resetModelStatuses)
                .get("/credential-statuses", statuses::allStatuses)
                .get("/credential-model-statuses", statuses::allModelStatuses);
    }

    /** Usage rows, totals, rollups, the purge, and per-credential daily usage. */
    private void usage(UsageResource usage) {
        router.get("/usage", c -> usage.list(c, Optional.empty()))
                .delete("/usage", usage::purge)
                .get("/usage-summary", c -> usage.summary(c, Optional.empty()))
                .get("/usage-rollups", c -> usage.rollups(c, Optional.empty()))
                .get("/credentials/{id}/usage-summary", usage::credentialSummary);
    }

    /** The user portal ({@code /user/*}); it shares this API's sessions, CSRF check and audit trail. */
    public PortalService portal() {
        return portal;
    }

    private void nested(EntityResource entities, String path, Entity entity) {
        router.get(path, c -> entities.listUnder(entity, c)).post(path, c -> entities.upsertUnder(entity, c));
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
            if (!isPublic(match)) {
                actor = auth.authenticate(req);
                admit(req, actor);
            }
            reply = dispatch(req, match, actor);
        } catch (RuntimeException e) {
            reply = AdminErrors.reply(req, e);
        }
        if (actor != null && audited(match, method)) {
            audit.record(req, actor, reply.status());
        }
        send(req, res, actor == null ? reply : session.refresh(req, actor, reply));
    }

    /** Only administrators pass; cookie callers must also pass the CSRF check on mutations. */
    private void admit(ServerRequest req, Actor actor) {
        if (!actor.admin()) {
            throw GatewayException.forbidden("administrator access required");
        }
        if (actor.viaCookie() && !isRead(req.prologue().method()) && !csrf.allows(req)) {
            throw AdminErrors.csrfRejected();
        }
    }

    private static Reply dispatch(ServerRequest req, Router.Match match, Actor actor) {
        return switch (match) {
            case Router.Match.Found found -> found.route().action()
                    .handle(new Call(req, Optional.ofNullable(actor), found.ids()));
            case Router.Match.WrongMethod wrong -> AdminErrors.methodNotAllowed(req, wrong.allow());
            case Router.Match.NotFound ignored -> throw AdminErrors.notFound(req);
        };
    }

    private static boolean isPublic(Router.Match match) {
        return switch (match) {
            case Router.Match.Found found -> found.route().access() == Router.Access.PUBLIC;
            case Router.Match.WrongMethod wrong -> wrong.publicPath();
            case Router.Match.NotFound ignored -> false;
        };
    }

    private static boolean audited(Router.Match match, Method method) {
        if (match instanceof Router.Match.Found found) {
            return switch (found.route().audit()) {
                case ALWAYS -> true;
                case SELF -> false;
                case MUTATIONS -> !isRead(method);
            };
        }
        return !isRead(method);
    }

    static boolean isRead(Method method) {
        return method.equals(Method.GET) || method.equals(Method.HEAD);
    }

    /** Writes the reply; HEAD gets the GET headers, including the length, and no body. */
    static void send(ServerRequest req, ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status()));
        res.header(NO_STORE);
        reply.headers().forEach(res::header);
        if (reply.body().isEmpty()) {
            res.send();
            return;
        }
        byte[] body = reply.body().get();
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        if (req.prologue().method().equals(Method.HEAD)) {
            res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
            res.send(new byte[0]);
            return;
        }
        res.send(body);
    }
}
