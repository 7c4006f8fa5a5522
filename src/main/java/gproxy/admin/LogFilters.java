package gproxy.admin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import gproxy.error.GatewayException;
import gproxy.store.Query;

/**
 * The query parameters of the log and audit routes, turned into a store {@link Query}: equality
 * filters by name, {@code at_from}/{@code at_to} (Unix seconds, both inclusive), {@code before}
 * (Unix seconds, exclusive: purges), the {@code before_id} cursor with {@code limit}, or
 * {@code page}/{@code page_size} (1-based, newest first). An unknown parameter or a malformed value is a 400 naming it.
 */
final class LogFilters {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> RANGE = Set.of("at_from", "at_to", "before");
    private static final Set<String> PAGING = Set.of("before_id", "limit", "page", "page_size");

    /** A filter parameter: the column it compares and whether its values are integers. */
    record Filter(String column, boolean numeric) {
        static Filter number(String column) {
            return new Filter(column, true);
        }

        static Filter text(String column) {
            return new Filter(column, false);
        }
    }

    private LogFilters() {
    }

    /** For reads: filters, range, newest first, one page; {@code others} are parameters the caller reads itself. */
    static Query read(Call call, Map<String, Filter> filters, Set<String> others) {
        refuseUnknown(call, filters, true, others);
        Query query = where(call, filters).newestFirst();
        Optional<String> page = call.query("page");
        if (page.isPresent()) {
            if (call.query("before_id").isPresent()) {
                throw GatewayException.invalid("page", "given with before_id (expected: one way of paging)");
            }
            long number = number("page", page.get());
            int size = limit(call, "page_size");
            if (number < 1) {
                throw GatewayException.invalid("page", number + " (expected: >= 1)");
            }
            return query.limit(size).offset((int) Math.min(Integer.MAX_VALUE, (number - 1) * size));
        }
        Optional<String> before = call.query("before_id");
        if (before.isPresent()) {
            query = query.before(number("before_id", before.get()));
        }
        return query.limit(limit(call, "limit"));
    }

    /** For purges: filters and range only; no filter at all purges the whole set. */
    static Query purge(Call call, Map<String, Filter> filters) {
        refuseUnknown(call, filters, false, Set.of());
        return where(call, filters);
    }

    private static Query where(Call call, Map<String, Filter> filters) {
        Query query = Query.all();
        for (Map.Entry<String, Filter> f : filters.entrySet()) {
            Optional<String> value = call.query(f.getKey());
            if (value.isPresent()) {
                query = query.and(f.getValue().column(), f.getValue().numeric()
                        ? (Object) number(f.getKey(), value.get()) : value.get());
            }
        }
        Optional<Long> from = call.query("at_from").map(v -> number("at_from", v));
        Optional<Long> to = call.query("at_to").map(v -> number("at_to", v));
        if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
            throw GatewayException.invalid("at_to", to.get() + " (expected: >= at_from " + from.get() + ")");
        }
        if (from.isPresent()) {
            query = query.atLeast("at", from.get());
        }
        if (to.isPresent()) {
            query = query.below("at", to.get() == Long.MAX_VALUE ? to.get() : to.get() + 1);
        }
        Optional<Long> before = call.query("before").map(v -> number("before", v));
        if (before.isPresent()) {
            query = query.below("at", Math.min(before.get(), query.below().getOrDefault("at", Long.MAX_VALUE)));
        }
        return query;
    }

    private static void refuseUnknown(Call call, Map<String, Filter> filters, boolean paging, Set<String> others) {
        for (String name : call.req().query().names()) {
            if (!filters.containsKey(name) && !RANGE.contains(name) && !(paging && PAGING.contains(name))
                    && !others.contains(name)) {
                throw GatewayException.invalid(name, "not a filter of " + call.req().path().path()
                        + " (expected one of: " + String.join(", ", new java.util.TreeSet<>(known(filters, paging, others)))
                        + ")");
            }
        }
    }

    private static Set<String> known(Map<String, Filter> filters, boolean paging, Set<String> others) {
        Set<String> all = new java.util.HashSet<>(filters.keySet());
        all.addAll(others);
        all.addAll(RANGE);
        if (paging) {
            all.addAll(PAGING);
        }
        return all;
    }

    private static int limit(Call call, String param) {
        Optional<String> raw = call.query(param);
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit = number(param, raw.get());
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayException.invalid(param, limit + " (expected: 1 to " + MAX_LIMIT + ")");
        }
        return (int) limit;
    }

    static long number(String param, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            String shown = value.length() <= 64 ? value : value.substring(0, 64) + "…";
            throw GatewayException.invalid(param, "\"" + shown + "\" (expected: an integer)");
        }
    }
}
