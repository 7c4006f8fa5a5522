package gproxy.rules;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import gproxy.access.Glob;
import gproxy.protocol.Operation;

/**
 * The filters of a rule, ANDed; an absent filter matches everything (features §7.1). The model glob
 * matches the upstream model id without a {@code provider/} prefix, or the name the client asked
 * for; the header pattern is a case-insensitive regex found in any inbound {@code name: value} line.
 */
public record RuleFilter(Optional<Glob> model, Set<Operation> operations, Optional<Pattern> header) {
    public static final RuleFilter ANY = new RuleFilter(Optional.empty(), Set.of(), Optional.empty());

    public RuleFilter {
        operations = Set.copyOf(operations);
    }

    boolean matches(RuleInput in, HeaderLines lines) {
        if (!operations.isEmpty() && !operations.contains(in.upstream().operation())) {
            return false;
        }
        if (model.isPresent() && !modelMatches(model.get(), in)) {
            return false;
        }
        return header.isEmpty() || header.get().matcher(lines.get()).find();
    }

    private static boolean modelMatches(Glob glob, RuleInput in) {
        String upstream = in.upstreamModel();
        int slash = upstream.indexOf('/');
        if (glob.matches(upstream) || (slash >= 0 && glob.matches(upstream.substring(slash + 1)))) {
            return true;
        }
        return in.requestedModel().filter(glob::matches).isPresent();
    }

    /** The header lines of one request, rendered at most once and only when a filter asks. */
    static final class HeaderLines {
        private final RuleInput in;
        private String lines;

        HeaderLines(RuleInput in) {
            this.in = in;
        }

        String get() {
            if (lines == null) {
                lines = in.headerLines();
            }
            return lines;
        }
    }
}
