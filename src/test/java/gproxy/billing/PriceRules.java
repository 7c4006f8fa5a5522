package gproxy.billing;

import java.util.LinkedHashMap;
import java.util.Map;

import gproxy.store.Money;
import gproxy.store.Row;

/** {@code price_rules} rows as the snapshot holds them: MONEY columns in nanos per 1M tokens. */
final class PriceRules {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private PriceRules(long id, String matchType, String model) {
        values.put("id", id);
        values.put("match_type", matchType);
        values.put("model_match", model);
        values.put("enabled", true);
    }

    static PriceRules exact(long id, String model) {
        return new PriceRules(id, "exact", model);
    }

    static PriceRules contains(long id, String model) {
        return new PriceRules(id, "contains", model);
    }

    PriceRules provider(long providerId) {
        values.put("provider_id", providerId);
        return this;
    }

    PriceRules disabled() {
        values.put("enabled", false);
        return this;
    }

    /** A price in USD per 1M tokens, e.g. {@code "input_price", "1.25"}. */
    PriceRules usd(String column, String usdPerMillion) {
        values.put(column, Money.parseUsd(usdPerMillion));
        return this;
    }

    PriceRules nanos(String column, long nanosPerMillion) {
        values.put(column, nanosPerMillion);
        return this;
    }

    PriceRules tiers(String json) {
        values.put("pricing_tiers_json", json);
        return this;
    }

    Row row() {
        return Row.of(values);
    }
}
