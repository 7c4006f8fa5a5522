package gproxy.access;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import gproxy.store.Row;

/**
 * One {@code quotas} row as admission sees it: its owner and the limits of the windows it enables
 * (a NULL limit column is no limit), in nano-dollars. Usage is not here: the snapshot's copy goes
 * stale with every settlement, so it lives in the {@link QuotaLedger}.
 */
record Quota(long id, Scope.Ref owner, Map<Window, Long> limits) {

    Quota {
        // An EnumMap iterates in window order, so the window a refusal names is deterministic.
        limits = limits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(limits));
    }

    static Optional<Quota> of(Row row) {
        return Scope.parse(row.text("scope")).map(scope -> {
            Map<Window, Long> limits = new EnumMap<>(Window.class);
            for (Window w : Window.values()) {
                row.optionalLong(w.limitColumn()).ifPresent(limit -> limits.put(w, limit));
            }
            return new Quota(row.requireId(), new Scope.Ref(scope, row.longValue("scope_id")), limits);
        });
    }
}
