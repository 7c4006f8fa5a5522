package gproxy.snapshot;

import java.util.Map;
import java.util.Optional;

/**
 * Who may call: enabled keys by digest, with their user, team and org. Only enabled keys of enabled
 * users are indexed; disabled orgs and teams stay visible so the caller can deny (fail closed).
 */
public record Identity(Map<String, Key> keysByDigest,
                       Map<Long, User> users,
                       Map<Long, Org> orgs,
                       Map<Long, Team> teams) {

    public static final Identity EMPTY = new Identity(Map.of(), Map.of(), Map.of(), Map.of());

    public Identity {
        keysByDigest = Map.copyOf(keysByDigest);
        users = Map.copyOf(users);
        orgs = Map.copyOf(orgs);
        teams = Map.copyOf(teams);
    }

    public record Key(long id, long userId, String label) {
    }

    public record User(long id, String name, Optional<Long> orgId, Optional<Long> teamId, boolean enabled,
                       boolean admin) {
    }

    public record Org(long id, String name, boolean enabled) {
    }

    public record Team(long id, long orgId, String name, boolean enabled) {
    }

    /** The enabled user behind an enabled key, or empty: an unknown key and a disabled one look the same. */
    public Optional<User> userForKey(String digest) {
        Key key = keysByDigest.get(digest);
        if (key == null) {
            return Optional.empty();
        }
        User user = users.get(key.userId());
        return user != null && user.enabled() ? Optional.of(user) : Optional.empty();
    }

    public Optional<Key> key(String digest) {
        return Optional.ofNullable(keysByDigest.get(digest));
    }
}
