package gproxy.access;

import java.util.Optional;

import gproxy.snapshot.Identity;

/**
 * An authenticated client: the enabled key it presented and its enabled user, with the user's org
 * and team as the snapshot knew them (they may be disabled; admission decides what that means).
 */
public record Caller(Identity.Key key, Identity.User user, Optional<Identity.Org> org,
                     Optional<Identity.Team> team) {
}
