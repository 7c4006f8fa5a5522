package gproxy.access;

import java.util.Optional;

/**
 * The name permissions and rate-limit patterns are matched against: the exposed name of the
 * resolution, either a route name or {@code provider/model}. Route and provider names cannot hold a
 * {@code /} (the admin API refuses it), so the text before the first one is the provider.
 */
record Subject(String name, Optional<String> provider) {

    static Subject of(String exposedName) {
        int slash = exposedName.indexOf('/');
        return slash > 0
                ? new Subject(exposedName, Optional.of(exposedName.substring(0, slash)))
                : new Subject(exposedName, Optional.empty());
    }

    /** v2's hierarchy: a pattern for the provider covers all its models; otherwise the whole name must match. */
    boolean matchedBy(Glob glob) {
        return glob.matches(name) || provider.filter(glob::matches).isPresent();
    }
}
