package gproxy.billing;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.store.Money;

/**
 * Reads {@code pricing_tiers_json}: an array of entries with optional {@code min_prompt_tokens}
 * (default 0), {@code service_tier}, {@code multiplier} and {@code *_price} fields. Prices are USD per
 * 1M tokens, as decimal strings (the bundle's shape) or JSON numbers.
 *
 * <p>A price rule is loaded from an already-stored snapshot, so a bad entry must not take the whole
 * snapshot down: it is skipped with a warning naming the rule, and the rule's other entries stay.
 */
final class Tiers {
    private static final System.Logger LOG = System.getLogger(Tiers.class.getName());

    private Tiers() {
    }

    static List<Tier> parse(long ruleId, Optional<String> json) {
        if (json.isEmpty() || json.get().isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json.get());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "price rule {0}: pricing_tiers_json is not JSON; tiers ignored", ruleId);
            return List.of();
        }
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            LOG.log(Level.WARNING, "price rule {0}: pricing_tiers_json is not an array; tiers ignored", ruleId);
            return List.of();
        }
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                tiers.add(entry(root.get(i)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "price rule {0}: tier entry {1} skipped: {2}", ruleId, i, e.getMessage());
            }
        }
        return List.copyOf(tiers);
    }

    static Tier entry(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("entry is not an object");
        }
        long min = 0;
        JsonNode minNode = node.path("min_prompt_tokens");
        if (!minNode.isMissingNode() && !minNode.isNull()) {
            if (!minNode.canConvertToExactIntegral() || !minNode.canConvertToLong()) {
                throw new IllegalArgumentException("min_prompt_tokens: " + minNode + " (expected: an integer)");
            }
            min = minNode.asLong();
        }
        Optional<String> serviceTier = text(node, "service_tier").flatMap(ServiceTier::normalize);
        Optional<Multiplier> multiplier = decimal(node, "multiplier").map(Multiplier::of);
        Map<TokenKind, Long> prices = new EnumMap<>(TokenKind.class);
        for (TokenKind kind : TokenKind.values()) {
            decimal(node, kind.priceField()).ifPresent(usd -> prices.put(kind, Money.toNanos(usd)));
        }
        return new Tier(min, serviceTier, multiplier, prices);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<BigDecimal> decimal(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.decimalValue());
        }
        if (v.isTextual() && !v.asText().isBlank()) {
            try {
                return Optional.of(new BigDecimal(v.asText().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": not a decimal (expected: e.g. \"1.25\")");
            }
        }
        throw new IllegalArgumentException(field + ": " + v.getNodeType() + " (expected: a decimal string or number)");
    }
}
