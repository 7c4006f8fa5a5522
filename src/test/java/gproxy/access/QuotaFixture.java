package gproxy.access;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gproxy.snapshot.Identity;
import gproxy.snapshot.Routing;
import gproxy.snapshot.Snapshot;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;

/**
 * Quota admission over a real SQLite store in a temporary file, the in-process cache behind a
 * {@link FaultyCache} and a {@link ManualClock}: everything real except time and injected faults.
 */
final class QuotaFixture implements AutoCloseable {
    static final long USD = 1_000_000_000L;

    final ManualClock clock = new ManualClock();
    final FaultyCache cache = new FaultyCache(clock);
    final JdbcStore store;
    final AccessControl access;

    QuotaFixture(Path dir) {
        store = JdbcStore.open("sqlite://" + dir.resolve("quotas.db") + "?mode=rwc");
        access = new AccessControl(cache, store, clock);
    }

    /** Inserts a quota row; {@code columns} are limits (and usage) by column name, in nano-dollars. */
    long quota(String scope, long scopeId, Map<String, Object> columns) {
        Map<String, Object> row = new HashMap<>(columns);
        row.put("scope", scope);
        row.put("scope_id", scopeId);
        return store.write(tx -> tx.save(Schema.QUOTAS, Row.of(row))).requireId();
    }

    /** The gate of a snapshot holding the quota rows as they are stored now. */
    QuotaGate gate() {
        Map<String, List<Row>> rows = Map.of(Schema.QUOTAS.name(), store.list(Schema.QUOTAS, Query.all()));
        Snapshot snapshot = new Snapshot(1, Instant.EPOCH, rows, Identity.EMPTY, Map.of(), Routing.EMPTY, Map.of());
        return access.forSnapshot(snapshot).quotaGate();
    }

    Row row(long quotaId) {
        return store.find(Schema.QUOTAS, quotaId).orElseThrow();
    }

    long pending(String scope, long scopeId) {
        return new PendingQuota(cache, clock).pending(new Scope.Ref(Scope.parse(scope).orElseThrow(), scopeId));
    }

    QuotaUsage ledger(long quotaId) {
        return access.ledger().usage(quotaId);
    }

    @Override
    public void close() {
        store.close();
        cache.close();
    }
}
