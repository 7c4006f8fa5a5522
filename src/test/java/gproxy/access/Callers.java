package gproxy.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import gproxy.snapshot.Identity;
import gproxy.store.Row;

/** Callers and control-plane rows for access tests. Ids: user 7 in team 3 of org 1 unless a test says otherwise. */
final class Callers {
    static final long USER = 7;
    static final long TEAM = 3;
    static final long ORG = 1;

    private Callers() {
    }

    /** User 7 with no org and no team. */
    static Caller loner() {
        Identity.User user = new Identity.User(USER, "ada", Optional.empty(), Optional.empty(), true, false);
        return new Caller(new Identity.Key(70, USER, "k"), user, Optional.empty(), Optional.empty());
    }

    /** User 7 in team 3 of org 1, both enabled. */
    static Caller member() {
        return member(true, true);
    }

    static Caller member(boolean orgEnabled, boolean teamEnabled) {
        Identity.User user = new Identity.User(USER, "ada", Optional.of(ORG), Optional.of(TEAM), true, false);
        return new Caller(new Identity.Key(70, USER, "k"), user, Optional.of(new Identity.Org(ORG, "acme", orgEnabled)),
                Optional.of(new Identity.Team(TEAM, ORG, "core", teamEnabled)));
    }

    /** User 7 whose org id the snapshot cannot resolve (deleted meanwhile). */
    static Caller orphan() {
        Identity.User user = new Identity.User(USER, "ada", Optional.of(ORG), Optional.empty(), true, false);
        return new Caller(new Identity.Key(70, USER, "k"), user, Optional.empty(), Optional.empty());
    }

    static Row permission(long id, String scope, long scopeId, String pattern) {
        return Row.of(Map.of("id", id, "scope", scope, "scope_id", scopeId, "route_pattern", pattern));
    }

    /** A {@code rate_limits} row; a null limit is no limit. */
    static Row rateLimit(long id, String scope, long scopeId, String pattern, Long rpm, Long rpd, Long tokens) {
        Map<String, Object> row = new HashMap<>(Map.of("id", id, "scope", scope, "scope_id", scopeId,
                "route_pattern", pattern));
        row.put("rpm", rpm);
        row.put("rpd", rpd);
        row.put("total_tokens", tokens);
        return Row.of(row);
    }
}
