package gproxy.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gproxy.store.Accumulation;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * What a usage row adds up to (reference §4.4 "on the first insert only"): its hour and day
 * {@code usage_rollups} buckets, by provider, org, team, user, route and model, and — when it names a
 * credential — that credential's {@code credential_usage_daily} row. Written in the transaction that
 * stores the usage row, so a row counts once in every aggregate or in none.
 */
public final class UsageRollups {
    public static final long HOUR = 3_600;
    public static final long DAY = 86_400;
    static final List<String> COUNTERS = List.of("requests", "input_tokens", "output_tokens", "cache_write_tokens",
            "cache_read_tokens", "image_output_tokens", "cost");

    /** Both accumulations, for every writer of usage rows (settlement, reconciliation). */
    public static final List<Accumulation> ALL = List.of(
            new Accumulation(Schema.USAGE_ROLLUPS, Schema.USAGE_ROLLUPS.uniques().getFirst(), COUNTERS,
                    UsageRollups::buckets),
            new Accumulation(Schema.CREDENTIAL_USAGE_DAILY, Schema.CREDENTIAL_USAGE_DAILY.uniques().getFirst(),
                    COUNTERS, UsageRollups::credentialDay));

    private UsageRollups() {
    }

    static List<Row> buckets(Row usage) {
        List<Row> out = new ArrayList<>(2);
        for (String granularity : List.of("hour", "day")) {
            Map<String, Object> row = counters(usage);
            row.put("granularity", granularity);
            row.put("bucket_start", bucket(usage.longValue("at"), granularity.equals("hour") ? HOUR : DAY));
            row.put("provider_id", usage.optionalLong("provider_id").orElse(0L));
            row.put("org_id", usage.optionalLong("org_id").orElse(0L));
            row.put("team_id", usage.optionalLong("team_id").orElse(0L));
            row.put("user_id", usage.optionalLong("user_id").orElse(0L));
            row.put("route_name", usage.optionalText("route_name").orElse(""));
            row.put("model", usage.optionalText("model").orElse(""));
            out.add(Row.of(row));
        }
        return out;
    }

    static List<Row> credentialDay(Row usage) {
        if (usage.optionalLong("credential_id").isEmpty()) {
            return List.of();
        }
        Map<String, Object> row = counters(usage);
        row.put("day_start", bucket(usage.longValue("at"), DAY));
        row.put("credential_id", usage.longValue("credential_id"));
        row.put("provider_id", usage.optionalLong("provider_id").orElse(0L));
        row.put("model", usage.optionalText("model").orElse(""));
        return List.of(Row.of(row));
    }

    /** The start of the UTC bucket of {@code size} seconds holding {@code at}. */
    public static long bucket(long at, long size) {
        return Math.floorDiv(at, size) * size;
    }

    private static Map<String, Object> counters(Row usage) {
        Map<String, Object> row = new HashMap<>();
        row.put("requests", 1L);
        row.put("input_tokens", tokens(usage, "input_tokens"));
        row.put("output_tokens", tokens(usage, "output_tokens"));
        row.put("cache_write_tokens", Math.addExact(Math.addExact(tokens(usage, "cache_creation_5m_tokens"),
                tokens(usage, "cache_creation_30m_tokens")), tokens(usage, "cache_creation_1h_tokens")));
        row.put("cache_read_tokens", tokens(usage, "cache_read_tokens"));
        row.put("image_output_tokens", tokens(usage, "image_output_tokens"));
        row.put("cost", tokens(usage, "cost"));
        return row;
    }

    private static long tokens(Row usage, String column) {
        return usage.optionalLong(column).orElse(0L);
    }
}
