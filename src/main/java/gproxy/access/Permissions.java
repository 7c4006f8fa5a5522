package gproxy.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import gproxy.error.GatewayException;
import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * Who may call which model, indexed once per snapshot so a check is a few map lookups. The grant of
 * a caller is the union of its user's, team's and org's {@code route_patterns}; a disabled org or
 * team (or one the snapshot does not know) denies whatever the patterns say.
 */
public final class Permissions {
    /** One scope's patterns: literals in a set (the common case), the rest as globs. */
    private record Grants(Set<String> literals, List<Glob> globs) {
        boolean allow(Subject subject) {
            if (literals.contains(subject.name()) || subject.provider().filter(literals::contains).isPresent()) {
                return true;
            }
            for (Glob glob : globs) {
                if (subject.matchedBy(glob)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<Scope.Ref, Grants> grants;

    private Permissions(Map<Scope.Ref, Grants> grants) {
        this.grants = Map.copyOf(grants);
    }

    static Permissions of(Snapshot snapshot) {
        return of(snapshot.rows(Schema.ROUTE_PERMISSIONS));
    }

    static Permissions of(List<Row> rows) {
        Map<Scope.Ref, Set<String>> literals = new HashMap<>();
        Map<Scope.Ref, List<Glob>> globs = new HashMap<>();
        for (Row row : rows) {
            // An unknown scope grants nothing: fail closed rather than guess whom it meant.
            Scope.parse(row.text("scope")).ifPresent(scope -> {
                Scope.Ref ref = new Scope.Ref(scope, row.longValue("scope_id"));
                Glob glob = new Glob(row.text("route_pattern"));
                if (glob.literal()) {
                    literals.computeIfAbsent(ref, r -> new HashSet<>()).add(glob.pattern());
                } else {
                    globs.computeIfAbsent(ref, r -> new ArrayList<>()).add(glob);
                }
            });
        }
        Map<Scope.Ref, Grants> grants = new HashMap<>();
        Set<Scope.Ref> refs = new HashSet<>(literals.keySet());
        refs.addAll(globs.keySet());
        for (Scope.Ref ref : refs) {
            grants.put(ref, new Grants(Set.copyOf(literals.getOrDefault(ref, Set.of())),
                    List.copyOf(globs.getOrDefault(ref, List.of()))));
        }
        return new Permissions(grants);
    }

    /**
     * Passes when the caller may use {@code exposedName} (a route name or {@code provider/model});
     * otherwise 403 {@code permission_denied}. The message names the model and nothing else: not
     * which scope is missing a grant, nor that an org or team is disabled.
     */
    public void check(Caller caller, String exposedName) {
        if (!allows(caller, exposedName)) {
            throw new GatewayException(403, "permission_denied",
                    "this API key is not permitted to use model '" + exposedName + "'");
        }
    }

    public boolean allows(Caller caller, String exposedName) {
        if (!parentsEnabled(caller)) {
            return false;
        }
        Subject subject = Subject.of(exposedName);
        for (Scope.Ref ref : Scope.chain(caller.user())) {
            Grants g = grants.get(ref);
            if (g != null && g.allow(subject)) {
                return true;
            }
        }
        return false;
    }

    /** A user's org and team must be present and enabled; a reference the snapshot cannot resolve denies. */
    private static boolean parentsEnabled(Caller caller) {
        if (caller.user().orgId().isPresent() && !caller.org().map(o -> o.enabled()).orElse(false)) {
            return false;
        }
        return caller.user().teamId().isEmpty() || caller.team().map(t -> t.enabled()).orElse(false);
    }
}
