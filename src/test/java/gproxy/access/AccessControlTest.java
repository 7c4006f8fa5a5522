package gproxy.access;

import static gproxy.access.Callers.USER;
import static gproxy.access.QuotaFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.snapshot.Identity;
import gproxy.snapshot.Routing;
import gproxy.snapshot.Snapshot;
import gproxy.store.Row;
import gproxy.store.Schema;

class AccessControlTest {
    @TempDir
    Path dir;

    @Test
    void theChecksOfASnapshotAreBuiltOnceAndRebuiltForTheNextOne() {
        try (QuotaFixture f = new QuotaFixture(dir)) {
            Snapshot first = snapshot(List.of(Callers.permission(1, "user", USER, "fast")));
            Snapshot second = snapshot(List.of(Callers.permission(1, "user", USER, "slow")));

            Access access = f.access.forSnapshot(first);

            assertThat(f.access.forSnapshot(first)).isSameAs(access);
            assertThat(access.permissions().allows(Callers.loner(), "fast")).isTrue();
            Access next = f.access.forSnapshot(second);
            assertThat(next).isNotSameAs(access);
            assertThat(next.permissions().allows(Callers.loner(), "fast")).isFalse();
        }
    }

    @Test
    void theLedgerIsLoadedFromTheStoreAtStart() {
        try (QuotaFixture before = new QuotaFixture(dir)) {
            before.quota("user", USER, Map.of("quota_total", 10 * USD, "cost_used", 10 * USD));
        }
        try (QuotaFixture f = new QuotaFixture(dir)) {
            // A snapshot that predates the spend: only the ledger can know the quota is used up.
            Row stale = f.store.list(Schema.QUOTAS, gproxy.store.Query.all()).getFirst().with("cost_used", 0L);
            Snapshot snapshot = new Snapshot(1, Instant.EPOCH, Map.of(Schema.QUOTAS.name(), List.of(stale)),
                    Identity.EMPTY, Map.of(), Routing.EMPTY, Map.of());

            assertThatThrownBy(() -> f.access.forSnapshot(snapshot).quotaGate().reserve(Callers.loner(), 1))
                    .hasMessageContaining("total quota");
        }
    }

    private static Snapshot snapshot(List<Row> permissions) {
        return new Snapshot(1, Instant.EPOCH, Map.of(Schema.ROUTE_PERMISSIONS.name(), permissions), Identity.EMPTY,
                Map.of(), Routing.EMPTY, Map.of());
    }
}
