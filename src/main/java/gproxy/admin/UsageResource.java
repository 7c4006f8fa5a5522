package gproxy.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.billing.UsageRollups;
import gproxy.json.Json;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Selection;
import gproxy.store.Store;
import gproxy.store.Sums;

/**
 * The read side of billing (reference §3.2 "Observability"): usage rows with filters and paging,
 * their totals, the hour/day rollups (week and month folded from days), the per-credential daily
 * usage, and the purge. The portal calls the same reads with the caller's own user id forced in,
 * whatever the query says. Each read first writes the usage rows still queued, so a caller sees the
 * requests that already answered.
 */
final class UsageResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /** Query parameter → usage column, for the equality filters. */
    private static final Map<String, String> NUMERIC_FILTERS = ordered("user_id", "team_id", "org_id",
            "user_key_id", "provider_id", "credential_id");
    private static final List<String> TEXT_FILTERS = List.of("model", "route_name", "ended", "usage_source",
            "operation");
    static final List<String> TOKEN_COLUMNS = List.of("input_tokens", "output_tokens", "image_output_tokens",
            "cache_read_tokens", "cache_creation_5m_tokens", "cache_creation_30m_tokens", "cache_creation_1h_tokens");
    /** {@code group_by} names → rollup dimension columns. */
    private static final Map<String, String> DIMENSIONS = orderedPairs("provider", "provider_id", "org", "org_id",
            "team", "team_id", "user", "user_id", "route", "route_name", "model", "model");
    private static final List<String> ROLLUP_FILTERS = List.of("provider_id", "org_id", "team_id", "user_id",
            "route_name", "model");

    private final Store store;
    private final Runnable flush;

    UsageResource(Store store, Runnable flush) {
        this.store = store;
        this.flush = flush;
    }

    /** {@code GET /admin/usage}: newest first; {@code before_id} + {@code limit}, or {@code page} + {@code page_size}. */
    Reply list(Call call, Optional<Long> user) {
        Selection selection = filters(call, user).newestFirst();
        Optional<Long> page = Params.number(call, "page");
        if (page.isPresent()) {
            long size = Params.bounded(call, "page_size", DEFAULT_LIMIT, 1, MAX_LIMIT);
            long number = Params.bounded(call, "page", 1, 1, Long.MAX_VALUE / MAX_LIMIT);
            selection = selection.limit((int) size).offset((number - 1) * size);
        } else {
            selection = selection.limit((int) Params.bounded(call, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
            Optional<Long> before = Params.number(call, "before_id");
            if (before.isPresent()) {
                selection = selection.before(before.get());
            }
        }
        flush.run();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        store.select(Schema.USAGES, selection).forEach(row -> rows.add(RowCodec.toJson(Schema.USAGES, row)));
        return Reply.json(rows);
    }

    /**
     * {@code GET /admin/usage-summary}: the same filters, one total; with {@code group_by} (a comma list
     * of provider, org, team, user, route, model) also {@code groups}, one total per distinct value —
     * the cache hit rate per provider and model comes from here.
     */
    Reply summary(Call call, Optional<Long> user) {
        List<String> columns = new ArrayList<>(TOKEN_COLUMNS);
        columns.add("cost");
        Selection selection = filters(call, user);
        flush.run();
        Sums sums = store.sum(Schema.USAGES, selection, List.of(), columns).getFirst();
        ObjectNode out = UsageTotals.write(Json.object(), sums, TOKEN_COLUMNS);
        if (Params.text(call, "group_by").isPresent()) {
            List<String> dimensions = dimensions(call);
            ArrayNode groups = out.putArray("groups");
            if (!dimensions.isEmpty()) {
                for (Sums group : store.sum(Schema.USAGES, selection, dimensions, columns)) {
                    groups.add(UsageTotals.write(UsageTotals.keys(Json.object(), group.keys()), group, TOKEN_COLUMNS));
                }
            }
        }
        return Reply.json(out);
    }

    /** {@code DELETE /admin/usage}: purges the rows the filters pick (all without filters); rollups stay. */
    Reply purge(Call call) {
        flush.run();
        return Reply.json(Json.object().put("deleted", store.deleteWhere(Schema.USAGES, filters(call, Optional.empty()))));
    }

    /**
     * {@code GET /admin/usage-rollups}: {@code granularity} hour, day (default), week (Monday, UTC) or
     * month; {@code from}/{@code to} bound the bucket start (inclusive); {@code group_by} a comma list of
     * provider, org, team, user, route, model (default: all; {@code none}: one row per bucket).
     */
    Reply rollups(Call call, Optional<Long> user) {
        String granularity = Params.oneOf(call, "granularity", "day", List.of("hour", "day", "week", "month"));
        List<String> dimensions = dimensions(call);
        Selection selection = Selection.all().and("granularity", granularity.equals("hour") ? "hour" : "day")
                .between("bucket_start", Params.number(call, "from"), Params.number(call, "to"));
        for (String filter : ROLLUP_FILTERS) {
            if (filter.equals("route_name") || filter.equals("model")) {
                Optional<String> v = Params.text(call, filter);
                if (v.isPresent()) {
                    selection = selection.and(filter, v.get());
                }
            } else {
                Optional<Long> v = Params.number(call, filter);
                if (v.isPresent()) {
                    selection = selection.and(filter, v.get());
                }
            }
        }
        if (user.isPresent()) {
            selection = selection.and("user_id", user.get());
        }
        List<String> groupBy = new ArrayList<>();
        groupBy.add("bucket_start");
        groupBy.addAll(dimensions);
        flush.run();
        List<Sums> buckets = store.sum(Schema.USAGE_ROLLUPS, selection, groupBy, UsageRollupCounters.COLUMNS);
        ArrayNode out = Json.MAPPER.createArrayNode();
        UsageRollupCounters.fold(buckets, granularity).forEach(s -> out.add(UsageRollupCounters.json(granularity, s)));
        return Reply.json(out);
    }

    /** {@code GET /admin/credentials/{id}/usage-summary}: the credential's daily usage per model. */
    Reply credentialSummary(Call call) {
        long credential = call.id();
        Selection selection = Selection.all().and("credential_id", credential)
                .between("day_start", Params.number(call, "from"), Params.number(call, "to"));
        flush.run();
        List<Sums> days = store.sum(Schema.CREDENTIAL_USAGE_DAILY, selection, List.of("day_start", "model"),
                UsageRollupCounters.COLUMNS);
        ObjectNode out = Json.object().put("credential_id", credential);
        ArrayNode rows = out.putArray("days");
        for (Sums day : days) {
            ObjectNode row = rows.addObject().put("day_start", (Long) day.keys().get("day_start"))
                    .put("model", (String) day.keys().get("model"));
            UsageRollupCounters.counters(row, day.sums());
        }
        UsageRollupCounters.counters(out.putObject("total"), UsageRollupCounters.total(days));
        return Reply.json(out);
    }

    private static Selection filters(Call call, Optional<Long> user) {
        Selection selection = Selection.all().between("at", Params.number(call, "at_from"), Params.number(call, "at_to"));
        for (Map.Entry<String, String> f : NUMERIC_FILTERS.entrySet()) {
            Optional<Long> v = Params.number(call, f.getKey());
            if (v.isPresent()) {
                selection = selection.and(f.getValue(), v.get());
            }
        }
        for (String f : TEXT_FILTERS) {
            Optional<String> v = Params.text(call, f);
            if (v.isPresent()) {
                selection = selection.and(f, v.get());
            }
        }
        return user.isPresent() ? selection.and("user_id", user.get()) : selection;
    }

    private static List<String> dimensions(Call call) {
        Optional<String> raw = Params.text(call, "group_by");
        if (raw.isEmpty()) {
            return List.copyOf(DIMENSIONS.values());
        }
        if (raw.get().strip().equals("none")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : raw.get().split(",")) {
            String column = DIMENSIONS.get(name.strip());
            if (column == null) {
                throw gproxy.error.GatewayException.invalid("group_by", "\"" + name.strip() + "\" (expected a comma "
                        + "list of " + DIMENSIONS.keySet() + ", or none)");
            }
            if (!out.contains(column)) {
                out.add(column);
            }
        }
        return out;
    }

    /** The UTC start of the week (Monday) or month holding the day that starts at {@code dayStart}. */
    static long fold(long dayStart, String granularity) {
        long day = Math.floorDiv(dayStart, UsageRollups.DAY);
        return switch (granularity) {
            case "week" -> (Math.floorDiv(day + 3, 7) * 7 - 3) * UsageRollups.DAY; // 1970-01-01 was a Thursday
            case "month" -> LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay() * UsageRollups.DAY;
            default -> dayStart;
        };
    }

    private static Map<String, String> ordered(String... names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, n);
        }
        return out;
    }

    private static Map<String, String> orderedPairs(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
