package gproxy.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.http.Method;

/**
 * The admin route table: literal segments, {@code {name}} segments that bind positive numeric
 * ids, and {@code *} segments that match any one segment (request ids, read by the handler). It answers with the route for a method and path, or tells a wrong method (with the methods
 * the path allows) from an unknown path. HEAD is matched as GET.
 */
final class Router {

    /** Who may call a route. */
    enum Access {
        /** No authentication (login, logout): the handler deals with the caller itself. */
        PUBLIC,
        /** An authenticated caller as the service defines it: an administrator on /admin, a session on /user. */
        ADMIN
    }

    /** Which calls of a route leave an audit row written by the pipeline. */
    enum Audit {
        /** Every method except GET and HEAD. */
        MUTATIONS,
        /** Every call, reads included (secret reveals). */
        ALWAYS,
        /** The handler writes its own rows (login, logout). */
        SELF
    }

    @FunctionalInterface
    interface Action {
        Reply handle(Call call);
    }

    record Route(Method method, List<String> segments, Access access, Audit audit, Action action) {
    }

    sealed interface Match {
        record Found(Route route, Map<String, Long> ids) implements Match {
        }

        record WrongMethod(Set<String> allow, boolean publicPath) implements Match {
        }

        record NotFound() implements Match {
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String pattern, Action action) {
        return add(Method.GET, pattern, Access.ADMIN, Audit.MUTATIONS, action);
    }

    Router post(String pattern, Action action) {
        return add(Method.POST, pattern, Access.ADMIN, Audit.MUTATIONS, action);
    }

    Router delete(String pattern, Action action) {
        return add(Method.DELETE, pattern, Access.ADMIN, Audit.MUTATIONS, action);
    }

    Router patch(String pattern, Action action) {
        return add(Method.PATCH, pattern, Access.ADMIN, Audit.MUTATIONS, action);
    }

    /** A read that is audited like a mutation (secret reveals). */
    Router auditedGet(String pattern, Action action) {
        return add(Method.GET, pattern, Access.ADMIN, Audit.ALWAYS, action);
    }

    /** An unauthenticated POST whose handler authenticates and audits by itself. */
    Router publicPost(String pattern, Action action) {
        return add(Method.POST, pattern, Access.PUBLIC, Audit.SELF, action);
    }

    Match match(Method method, String path) {
        List<String> segments = split(path);
        Method wanted = method.equals(Method.HEAD) ? Method.GET : method;
        Set<String> allow = new LinkedHashSet<>();
        boolean allPublic = true;
        for (Route route : routes) {
            Map<String, Long> ids = bind(route.segments(), segments);
            if (ids == null) {
                continue;
            }
            if (route.method().equals(wanted)) {
                return new Match.Found(route, ids);
            }
            allow.add(route.method().text());
            if (route.method().equals(Method.GET)) {
                allow.add(Method.HEAD.text());
            }
            allPublic &= route.access() == Access.PUBLIC;
        }
        return allow.isEmpty() ? new Match.NotFound() : new Match.WrongMethod(allow, allPublic);
    }

    private Router add(Method method, String pattern, Access access, Audit audit, Action action) {
        routes.add(new Route(method, split(pattern), access, audit, action));
        return this;
    }

    private static Map<String, Long> bind(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            String s = segments.get(i);
            if (p.equals("*")) {
                continue;
            }
            if (p.startsWith("{")) {
                Long id = parseId(s);
                if (id == null) {
                    return null;
                }
                ids.put(p.substring(1, p.length() - 1), id);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return ids;
    }

    /** Ids are positive decimal longs; anything else does not match, so the path is unknown. */
    private static Long parseId(String segment) {
        if (segment.isEmpty() || segment.length() > 18 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long id = Long.parseLong(segment);
        return id > 0 ? id : null;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
