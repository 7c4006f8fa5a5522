package gproxy.access;

import java.util.OptionalLong;

import gproxy.store.Row;

/** One {@code rate_limits} row: requests per minute and per day, and a daily token budget, each optional. */
record RateRule(long id, Scope.Ref owner, Glob pattern, OptionalLong rpm, OptionalLong rpd, OptionalLong dailyTokens) {

    static RateRule of(Scope.Ref owner, Row row) {
        return new RateRule(row.requireId(), owner, new Glob(row.text("route_pattern")), limit(row, "rpm"),
                limit(row, "rpd"), limit(row, "total_tokens"));
    }

    /** {@code rl:{scope}:{id}:{rowId}}: the key prefix of this row's counters. */
    String counterPrefix() {
        return "rl:" + owner.key() + ":" + id;
    }

    private static OptionalLong limit(Row row, String column) {
        return row.optionalLong(column).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
