package gproxy.rules;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import gproxy.error.GatewayException;
import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * Every provider's compiled rules for one snapshot: enabled attachments in {@code (sort_order, id)}
 * order, enabled sets, enabled rules in {@code (sort_order, id)} order, then stably sorted by kind
 * (features §7.1: {@code system_text → cache_breakpoint → rewrite → transform → header}, within a
 * kind in attachment and rule order). Built once per snapshot ({@link Cache}).
 */
public final class RuleBook {
    private static final Logger LOG = System.getLogger(RuleBook.class.getName());
    public static final RuleBook EMPTY = new RuleBook(Map.of());

    private static final Comparator<Row> ORDER = Comparator.comparingLong((Row r) -> r.optionalLong("sort_order")
            .orElse(0L)).thenComparingLong(r -> r.id().orElse(0L));

    private final Map<Long, List<CompiledRule>> byProvider;

    private RuleBook(Map<Long, List<CompiledRule>> byProvider) {
        this.byProvider = Map.copyOf(byProvider);
    }

    /** The provider's rules in run order; empty when it has none. */
    public List<CompiledRule> rules(long providerId) {
        return byProvider.getOrDefault(providerId, List.of());
    }

    public static RuleBook of(Snapshot snapshot) {
        Set<Long> enabledSets = snapshot.rows(Schema.RULE_SETS).stream().filter(r -> r.bool("enabled"))
                .map(Row::requireId).collect(Collectors.toSet());
        if (enabledSets.isEmpty()) {
            return EMPTY;
        }
        Map<Long, List<CompiledRule>> rulesBySet = new HashMap<>();
        snapshot.rows(Schema.RULES).stream().filter(r -> r.bool("enabled"))
                .filter(r -> enabledSets.contains(r.longValue("rule_set_id"))).sorted(ORDER)
                .forEach(r -> compile(r).ifPresent(rule -> rulesBySet
                        .computeIfAbsent(r.longValue("rule_set_id"), k -> new ArrayList<>()).add(rule)));
        Map<Long, List<CompiledRule>> byProvider = new HashMap<>();
        snapshot.rows(Schema.PROVIDER_RULE_SETS).stream().filter(r -> r.bool("enabled"))
                .filter(r -> enabledSets.contains(r.longValue("rule_set_id"))).sorted(ORDER)
                .forEach(a -> byProvider.computeIfAbsent(a.longValue("provider_id"), k -> new ArrayList<>())
                        .addAll(rulesBySet.getOrDefault(a.longValue("rule_set_id"), List.of())));
        byProvider.replaceAll((id, rules) -> rules.stream()
                .sorted(Comparator.comparingInt(r -> r.rule().kind().ordinal())).toList());
        return new RuleBook(byProvider);
    }

    private static Optional<CompiledRule> compile(Row row) {
        try {
            return Optional.of(RuleCompiler.compile(row));
        } catch (GatewayException e) {
            LOG.log(Level.WARNING, "rule " + row.id().orElse(0L) + " skipped: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The book of the last snapshot asked for; rebuilt when the snapshot changes. */
    public static final class Cache {
        private record Built(Snapshot snapshot, RuleBook book) {
        }

        private final AtomicReference<Built> last = new AtomicReference<>();

        public RuleBook forSnapshot(Snapshot snapshot) {
            Built built = last.get();
            if (built != null && built.snapshot() == snapshot) {
                return built.book();
            }
            RuleBook book = RuleBook.of(snapshot);
            last.set(new Built(snapshot, book));
            return book;
        }
    }
}
