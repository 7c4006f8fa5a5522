package gproxy.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import gproxy.snapshot.Identity;

/** Who a permission, limit or quota row belongs to, as stored in its {@code scope} column. */
enum Scope {
    USER("user"),
    TEAM("team"),
    ORG("org");

    private final String column;

    Scope(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    static Optional<Scope> parse(String column) {
        for (Scope s : values()) {
            if (s.column.equals(column)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** One scope instance: {@code user 7}. */
    record Ref(Scope scope, long id) {
        /** The cache-key segment {@code user:7}. */
        String key() {
            return scope.column + ":" + id;
        }
    }

    /** The caller's chain in check order: user, then team, then org (those the user has). */
    static List<Ref> chain(Identity.User user) {
        List<Ref> chain = new ArrayList<>(3);
        chain.add(new Ref(USER, user.id()));
        user.teamId().ifPresent(id -> chain.add(new Ref(TEAM, id)));
        user.orgId().ifPresent(id -> chain.add(new Ref(ORG, id)));
        return chain;
    }
}
