package gproxy.admin;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.store.Money;
import gproxy.store.Sums;

/**
 * The counters of one usage total ({@code /admin/usage-summary} and each of its {@code groups}):
 * requests, every token column, their sum, the cost, and the prompt-cache view — prompt tokens
 * (uncached input, cache reads and cache writes together, since usage rows keep them apart) and the
 * hit rate, cache reads over prompt tokens (0 when there was no input).
 */
final class UsageTotals {
    static final List<String> CACHE_WRITES = List.of("cache_creation_5m_tokens", "cache_creation_30m_tokens",
            "cache_creation_1h_tokens");

    private UsageTotals() {
    }

    static ObjectNode write(ObjectNode out, Sums sums, List<String> tokenColumns) {
        out.put("requests", sums.rows());
        long total = 0;
        for (String column : tokenColumns) {
            out.put(column, sums.sum(column));
            total += sums.sum(column);
        }
        out.put("total_tokens", total);
        out.put("cost", Money.formatUsd(sums.sum("cost")));
        long reads = sums.sum("cache_read_tokens");
        long prompt = sums.sum("input_tokens") + reads;
        for (String column : CACHE_WRITES) {
            prompt += sums.sum(column);
        }
        out.put("prompt_tokens", prompt);
        out.put("cache_hit_rate", prompt == 0 ? 0.0 : (double) reads / prompt);
        return out;
    }

    /** The grouping columns of one group, by their usage column names ({@code provider_id}, {@code model}, …). */
    static ObjectNode keys(ObjectNode out, Map<String, Object> keys) {
        keys.forEach((column, value) -> {
            switch (value) {
                case null -> out.putNull(column);
                case Long n -> out.put(column, n);
                default -> out.put(column, value.toString());
            }
        });
        return out;
    }
}
