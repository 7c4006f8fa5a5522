package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import gproxy.snapshot.Routing.Alias;
import gproxy.store.Row;

/**
 * Enabled aliases compiled once, global ({@code provider='*'}) and per provider name, each list in
 * (sort_order, id) order. An alias whose regex does not compile, or whose target names a group the
 * regex lacks, is skipped and logged: it could never match correctly, and failing the snapshot for
 * it would take every route down.
 */
record Aliases(List<Alias> global, Map<String, List<Alias>> byProvider) {
    private static final Logger LOG = System.getLogger(Aliases.class.getName());
    private static final Comparator<Alias> ORDER = Comparator.comparingLong(Alias::sortOrder)
            .thenComparingLong(Alias::id);

    List<Alias> scoped(String provider) {
        return byProvider.getOrDefault(provider, List.of());
    }

    static Aliases compile(List<Row> rows) {
        List<Alias> global = new ArrayList<>();
        Map<String, List<Alias>> scoped = new HashMap<>();
        for (Row r : rows) {
            if (!r.bool("enabled")) {
                continue;
            }
            Optional<Alias> alias = alias(r);
            if (alias.isEmpty()) {
                continue;
            }
            Alias a = alias.get();
            (a.scope().equals("*") ? global : scoped.computeIfAbsent(a.scope(), k -> new ArrayList<>())).add(a);
        }
        global.sort(ORDER);
        Map<String, List<Alias>> sorted = new HashMap<>();
        for (Map.Entry<String, List<Alias>> e : scoped.entrySet()) {
            e.getValue().sort(ORDER);
            sorted.put(e.getKey(), List.copyOf(e.getValue()));
        }
        return new Aliases(List.copyOf(global), Map.copyOf(sorted));
    }

    private static Optional<Alias> alias(Row r) {
        long id = r.id().orElse(0L);
        Pattern pattern;
        try {
            pattern = Pattern.compile(r.text("alias"));
        } catch (PatternSyntaxException e) {
            LOG.log(Level.WARNING, "aliases " + id + ": regex does not compile, alias skipped: " + e.getDescription());
            return Optional.empty();
        }
        String target = r.text("target");
        Optional<String> problem = targetProblem(pattern, target);
        if (problem.isPresent()) {
            LOG.log(Level.WARNING, "aliases " + id + ": target " + problem.get() + ", alias skipped");
            return Optional.empty();
        }
        return Optional.of(new Alias(id, r.optionalText("provider").orElse("*"), pattern, target,
                r.optionalLong("sort_order").orElse(0L)));
    }

    /**
     * Why {@link java.util.regex.Matcher#appendReplacement} would throw for this target, checked
     * ahead so a request never does: it follows that method's grammar ({@code \x} escapes,
     * {@code $n} whose first digit must name a group, {@code ${name}}).
     */
    static Optional<String> targetProblem(Pattern pattern, String target) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\') {
                if (++i == target.length()) {
                    return Optional.of("ends with a lone backslash");
                }
            } else if (c == '$') {
                if (++i == target.length()) {
                    return Optional.of("ends with a lone '$'");
                }
                char next = target.charAt(i);
                if (next == '{') {
                    int end = target.indexOf('}', i);
                    if (end < 0 || !pattern.namedGroups().containsKey(target.substring(i + 1, end))) {
                        return Optional.of("names a group the regex does not have");
                    }
                    i = end;
                } else if (next < '0' || next > '9' || next - '0' > groups) {
                    return Optional.of("refers to group $" + next + " but the regex has " + groups);
                }
            }
        }
        return Optional.empty();
    }
}
