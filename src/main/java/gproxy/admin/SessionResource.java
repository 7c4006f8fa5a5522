package gproxy.admin;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /admin/login}, {@code /admin/logout} and {@code /admin/me}. Login and logout audit
 * themselves: a failed login is recorded under the name that was tried. Any enabled user may log
 * in (the portal uses the same session); only administrators get past the admin routes.
 */
final class SessionResource {
    private final AdminAuth auth;
    private final Sessions sessions;
    private final Csrf csrf;
    private final AuditTrail audit;

    SessionResource(AdminAuth auth, Sessions sessions, Csrf csrf, AuditTrail audit) {
        this.auth = auth;
        this.sessions = sessions;
        this.csrf = csrf;
        this.audit = audit;
    }

    Reply login(Call call) {
        ServerRequest req = call.req();
        Optional<String> username = Optional.empty();
        try {
            JsonNode body = call.body();
            username = Optional.ofNullable(body.get("username")).filter(JsonNode::isTextual).map(JsonNode::textValue);
            String name = username.orElseThrow(
                    () -> GatewayException.invalid("username", "missing (expected: a string)"));
            JsonNode password = body.get("password");
            if (password == null || !password.isTextual()) {
                throw GatewayException.invalid("password", "missing (expected: a string)");
            }
            AdminAuth.LoggedIn login = auth.login(name, password.textValue());
            Actor actor = login.actor();
            String token = sessions.open(actor.id(), login.passwordHash());
            audit.record(req, actor, 200);
            return Reply.json(identity(actor)).with(HeaderValues.create(HeaderNames.SET_COOKIE,
                    Sessions.cookie(token, csrf.crossSiteOrigin(req), req.isSecure())));
        } catch (GatewayException e) {
            audit.record(req, Optional.empty(), username, e.status());
            throw e;
        }
    }

    /** Revokes the session of the cookie, if any, and clears the cookie. Always 204. */
    Reply logout(Call call) {
        ServerRequest req = call.req();
        Optional<String> token = AdminAuth.sessionToken(req);
        Optional<Actor> actor = token.flatMap(auth::sessionActor);
        if (actor.isPresent() && !csrf.allows(req)) {
            audit.record(req, actor.get(), 403);
            throw AdminErrors.csrfRejected();
        }
        token.ifPresent(sessions::revoke);
        audit.record(req, actor.map(Actor::id), actor.map(Actor::name), 204);
        return Reply.noContent().with(HeaderValues.create(HeaderNames.SET_COOKIE,
                Sessions.clearedCookie(csrf.crossSiteOrigin(req), req.isSecure())));
    }

    Reply me(Call call) {
        return Reply.json(identity(call.actor().orElseThrow(GatewayException::unauthorized)));
    }

    /** Renews the cookie's lifetime with the session's sliding TTL on every cookie-authenticated answer. */
    Reply refresh(ServerRequest req, Actor actor, Reply reply) {
        if (actor.session().isEmpty() || reply.status() == 401) {
            return reply;
        }
        return reply.with(HeaderValues.create(HeaderNames.SET_COOKIE,
                Sessions.cookie(actor.session().get(), csrf.crossSiteOrigin(req), req.isSecure())));
    }

    private static ObjectNode identity(Actor actor) {
        ObjectNode out = Json.object();
        out.put("id", actor.id());
        out.put("name", actor.name());
        out.put("is_admin", actor.admin());
        return out;
    }
}
