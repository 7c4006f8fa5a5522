package gproxy.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.store.Money;
import gproxy.store.Sums;

/** The counters of rollup rows: folding days into weeks and months, and their JSON. */
final class UsageRollupCounters {
    static final List<String> COLUMNS = List.of("requests", "input_tokens", "output_tokens", "cache_write_tokens",
            "cache_read_tokens", "image_output_tokens", "cost");

    private UsageRollupCounters() {
    }

    /** Day buckets merged into the week or month that holds them; hours and days as they are. */
    static List<Sums> fold(List<Sums> buckets, String granularity) {
        if (!granularity.equals("week") && !granularity.equals("month")) {
            return buckets;
        }
        Map<Map<String, Object>, Map<String, Long>> merged = new LinkedHashMap<>();
        for (Sums bucket : buckets) {
            Map<String, Object> keys = new LinkedHashMap<>(bucket.keys());
            keys.put("bucket_start", UsageResource.fold((Long) keys.get("bucket_start"), granularity));
            Map<String, Long> sums = merged.computeIfAbsent(keys, k -> new LinkedHashMap<>());
            bucket.sums().forEach((column, value) -> sums.merge(column, value, Long::sum));
        }
        List<Sums> out = new ArrayList<>();
        merged.forEach((keys, sums) -> out.add(new Sums(keys, 1, sums)));
        return out;
    }

    /** {@code {granularity, bucket_start, <dimensions>, <counters>}}; the sentinels 0 and "" show as null. */
    static ObjectNode json(String granularity, Sums bucket) {
        ObjectNode out = gproxy.json.Json.object().put("granularity", granularity);
        bucket.keys().forEach((column, value) -> {
            if (value == null || Long.valueOf(0).equals(value) && !column.equals("bucket_start") || "".equals(value)) {
                out.putNull(column);
            } else if (value instanceof Long n) {
                out.put(column, n);
            } else {
                out.put(column, value.toString());
            }
        });
        return counters(out, bucket.sums());
    }

    static ObjectNode counters(ObjectNode out, Map<String, Long> sums) {
        for (String column : COLUMNS) {
            long value = sums.getOrDefault(column, 0L);
            if (column.equals("cost")) {
                out.put(column, Money.formatUsd(value));
            } else {
                out.put(column, value);
            }
        }
        return out;
    }

    static Map<String, Long> total(List<Sums> rows) {
        Map<String, Long> total = new LinkedHashMap<>();
        rows.forEach(r -> r.sums().forEach((column, value) -> total.merge(column, value, Long::sum)));
        return total;
    }
}
