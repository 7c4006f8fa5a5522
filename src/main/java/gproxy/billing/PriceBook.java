package gproxy.billing;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * The enabled price rules of one snapshot, indexed once so a match never scans every rule: exact rules
 * in maps (per provider and global), {@code contains} rules in lists ordered longest match first, then
 * lowest id. Immutable and thread-safe; build one per snapshot.
 *
 * <p>{@link #match} follows reference §4.1: provider exact → global exact → provider contains →
 * global contains; within a rank the longer {@code model_match}, then the lower id. No match means no
 * price: the request still runs and is recorded at cost 0.
 */
public final class PriceBook {
    public static final PriceBook EMPTY = new PriceBook(List.of());

    private static final System.Logger LOG = System.getLogger(PriceBook.class.getName());
    private static final Comparator<Rule> CONTAINS_ORDER = Comparator
            .comparingInt((Rule r) -> r.match().length()).reversed()
            .thenComparingLong(r -> r.price().ruleId());

    private final Map<Long, Map<String, Price>> exactByProvider = new HashMap<>();
    private final Map<String, Price> exactGlobal = new HashMap<>();
    private final Map<Long, List<Rule>> containsByProvider = new HashMap<>();
    private final List<Rule> containsGlobal;

    /** A {@code contains} rule: its substring and its price. */
    private record Rule(String match, Price price) {
    }

    private PriceBook(List<Row> rows) {
        List<Row> ordered = new ArrayList<>(rows);
        // Lower id wins every tie; rows come in id order from the snapshot, but do not rely on it.
        ordered.sort(Comparator.comparingLong(r -> r.id().orElse(Long.MAX_VALUE)));
        List<Rule> global = new ArrayList<>();
        for (Row row : ordered) {
            if (row.has("enabled") && !row.bool("enabled")) {
                continue;
            }
            index(row, global);
        }
        containsByProvider.values().forEach(list -> list.sort(CONTAINS_ORDER));
        containsByProvider.replaceAll((id, list) -> List.copyOf(list));
        exactByProvider.replaceAll((id, map) -> Map.copyOf(map));
        global.sort(CONTAINS_ORDER);
        containsGlobal = List.copyOf(global);
    }

    public static PriceBook of(List<Row> priceRules) {
        return priceRules.isEmpty() ? EMPTY : new PriceBook(priceRules);
    }

    public static PriceBook of(Snapshot snapshot) {
        return of(snapshot.rows(Schema.PRICE_RULES));
    }

    public Optional<Price> match(long providerId, String upstreamModel) {
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Price exact = exactByProvider.getOrDefault(providerId, Map.of()).get(upstreamModel);
        if (exact != null) {
            return Optional.of(exact);
        }
        exact = exactGlobal.get(upstreamModel);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<Price> contains = firstContained(containsByProvider.getOrDefault(providerId, List.of()), upstreamModel);
        return contains.isPresent() ? contains : firstContained(containsGlobal, upstreamModel);
    }

    private static Optional<Price> firstContained(List<Rule> rules, String model) {
        for (Rule rule : rules) {
            if (model.contains(rule.match())) {
                return Optional.of(rule.price());
            }
        }
        return Optional.empty();
    }

    private void index(Row row, List<Rule> global) {
        long id = row.id().orElse(0L);
        String matchType = row.optionalText("match_type").orElse("exact");
        Optional<String> model = row.optionalText("model_match");
        if (model.isEmpty() || !(matchType.equals("exact") || matchType.equals("contains"))) {
            LOG.log(Level.WARNING, "price rule {0} skipped: match_type {1}, model_match {2}", id, matchType,
                    model.isPresent() ? "set" : "missing");
            return;
        }
        Price price = price(id, row);
        Optional<Long> provider = row.optionalLong("provider_id");
        if (matchType.equals("exact")) {
            Map<String, Price> map = provider.isPresent()
                    ? exactByProvider.computeIfAbsent(provider.get(), p -> new HashMap<>()) : exactGlobal;
            map.putIfAbsent(model.get(), price);
            return;
        }
        Rule rule = new Rule(model.get(), price);
        if (provider.isPresent()) {
            containsByProvider.computeIfAbsent(provider.get(), p -> new ArrayList<>()).add(rule);
        } else {
            global.add(rule);
        }
    }

    private static Price price(long id, Row row) {
        Map<TokenKind, Long> base = new EnumMap<>(TokenKind.class);
        for (TokenKind kind : TokenKind.values()) {
            // A negative stored price is a corrupt row; pricing it as free is safer than paying out credit.
            base.put(kind, Math.max(0, row.optionalLong(kind.priceField()).orElse(0L)));
        }
        return new Price(id, Rates.of(base), Tiers.parse(id, row.optionalText("pricing_tiers_json")));
    }
}
