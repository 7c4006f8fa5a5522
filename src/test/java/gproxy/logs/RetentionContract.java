package gproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import gproxy.snapshot.StoreControlPlane;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Table;
import gproxy.testing.FreshDatabase;
import gproxy.testing.TestClock;

/**
 * The retention sweeps on each real database (subclasses say which), invoked directly with a
 * {@link TestClock} (real time plus what a test adds); the size sweep is driven by a size measure the test controls, so it is
 * deterministic on PostgreSQL and MySQL too, whose reported sizes lag deletes. Each test starts from
 * empty log and usage tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class RetentionContract {
    private static final long DAY = 86_400;
    private final TestClock clock = new TestClock();
    private FreshDatabase database;
    private JdbcStore store;
    private StoreControlPlane plane;

    protected abstract FreshDatabase fresh();

    @BeforeAll
    void open() {
        database = fresh();
        store = JdbcStore.open(database.dsn());
        plane = StoreControlPlane.load(store, clock);
    }

    @AfterAll
    void close() {
        store.close();
        database.close();
    }

    @BeforeEach
    void empty() {
        for (Table table : List.of(Schema.DOWNSTREAM_REQUESTS, Schema.UPSTREAM_REQUESTS, Schema.AUDIT_LOGS,
                Schema.USAGES)) {
            store.deleteLogs(table, Query.all());
        }
        settings(null, null);
    }

    private void settings(Long retentionDays, Long maxSizeMb) {
        store.write(tx -> {
            Optional<Row> row = tx.list(Schema.INSTANCE_SETTINGS, Query.all().limit(1)).stream().findFirst();
            java.util.HashMap<String, Object> values = new java.util.HashMap<>();
            values.put("retention_days", retentionDays);
            values.put("max_database_size_mb", maxSizeMb);
            row.flatMap(Row::id).ifPresent(id -> values.put("id", id));
            return tx.save(Schema.INSTANCE_SETTINGS, Row.of(values));
        });
        plane.reload();
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /** One request's rows on both sides, a usage row and an audit row, all at {@code at}. */
    private void request(String id, long at) {
        store.append(Schema.DOWNSTREAM_REQUESTS, List.of(Row.of(Map.of("request_id", id, "at", at, "method", "POST",
                "path", "/v1/chat/completions"))));
        store.append(Schema.UPSTREAM_REQUESTS, List.of(Row.of(Map.of("request_id", id, "at", at))));
        store.append(Schema.USAGES, List.of(Row.of(Map.of("request_id", id, "at", at))));
        store.append(Schema.AUDIT_LOGS, List.of(Row.of(Map.of("at", at, "action", "POST", "target", id,
                "status", 200L))));
    }

    private long count(Table table) {
        return store.count(table, Query.all());
    }

    private List<String> left(Table table) {
        List<String> ids = new ArrayList<>();
        store.list(table, Query.all()).forEach(r -> ids.add(r.text("request_id")));
        return ids;
    }

    @Test
    void theAgeSweepDeletesRequestLogsAndUsageOlderThanRetentionDaysAndKeepsAudit() {
        request("old", now() - 8 * DAY);
        request("edge", now() - 7 * DAY + 60); // a minute inside: the test clock runs on with real time
        request("new", now() - DAY);
        settings(7L, null);

        Retention.Swept swept = Retention.manual(store, plane, clock).sweepAge();

        assertThat(swept).isEqualTo(new Retention.Swept(1, 1, 1, 0));
        assertThat(left(Schema.DOWNSTREAM_REQUESTS)).containsExactly("edge", "new");
        assertThat(left(Schema.UPSTREAM_REQUESTS)).containsExactly("edge", "new");
        assertThat(left(Schema.USAGES)).containsExactly("edge", "new");
        assertThat(count(Schema.AUDIT_LOGS)).as("audit is not aged out").isEqualTo(3);
    }

    @Test
    void theAgeSweepFollowsTheClockAndDeletesInBatches() {
        for (int i = 0; i < 25; i++) {
            request("r" + i, now());
        }
        settings(1L, null);
        Retention retention = new Retention(store, plane, clock, store::sizeBytes, 10, Optional.empty());

        assertThat(retention.sweepAge().total()).isZero();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(retention.sweepAge()).isEqualTo(new Retention.Swept(25, 25, 25, 0));
        assertThat(count(Schema.DOWNSTREAM_REQUESTS) + count(Schema.USAGES)).isZero();
    }

    @Test
    void withoutRetentionDaysOrMaxSizeNothingIsEverDeleted() {
        request("ancient", 1);
        Retention retention = Retention.manual(store, plane, clock);

        assertThat(retention.sweepAge()).isEqualTo(Retention.Swept.NONE);
        assertThat(retention.sweepSize()).isEqualTo(Retention.Swept.NONE);
        settings(0L, 0L);
        assertThat(retention.sweepAge()).isEqualTo(Retention.Swept.NONE);
        assertThat(retention.sweepSize()).isEqualTo(Retention.Swept.NONE);
        assertThat(count(Schema.DOWNSTREAM_REQUESTS)).isEqualTo(1);
    }

    @Test
    void theSizeSweepDeletesTheOldestRequestLogsUntilUnderNinetyPercentAndNeverUsage() {
        for (int i = 0; i < 10; i++) {
            request(String.format("r%02d", i), 1_000 + i);
        }
        settings(null, 10L);
        // one MiB per request-log row: 20 MiB now, 9 MiB is the target
        AtomicLong measured = new AtomicLong();
        Retention retention = new Retention(store, plane, clock, () -> {
            long rows = count(Schema.DOWNSTREAM_REQUESTS) + count(Schema.UPSTREAM_REQUESTS);
            measured.incrementAndGet();
            return rows * 1024 * 1024;
        }, 3, Optional.empty());

        Retention.Swept swept = retention.sweepSize();

        assertThat(swept.downstream()).isEqualTo(6);
        assertThat(swept.upstream()).isEqualTo(6);
        assertThat(swept.usages()).isZero();
        assertThat(left(Schema.DOWNSTREAM_REQUESTS)).containsExactly("r06", "r07", "r08", "r09");
        assertThat(count(Schema.USAGES)).isEqualTo(10);
        assertThat(count(Schema.AUDIT_LOGS)).as("request logs go first").isEqualTo(10);
        assertThat(measured.get()).isGreaterThan(1);
    }

    @Test
    void theSizeSweepTakesAuditRowsOnceNoRequestLogIsLeftAndStopsAtUsageAndConfiguration() {
        for (int i = 0; i < 4; i++) {
            request("r" + i, 1_000 + i);
        }
        settings(null, 1L);
        Retention retention = new Retention(store, plane, clock, () -> Long.MAX_VALUE, 3, Optional.empty());

        Retention.Swept swept = retention.sweepSize();

        assertThat(swept).isEqualTo(new Retention.Swept(4, 4, 0, 4));
        assertThat(count(Schema.USAGES)).isEqualTo(4);
        assertThat(plane.current().rows(Schema.INSTANCE_SETTINGS)).hasSize(1);
    }

    @Test
    void theScheduleRunsTheAgeSweepAtStartAndStopsAtClose() throws Exception {
        request("old", now() - 3 * DAY);
        settings(1L, null);

        Retention retention = Retention.start(store, plane, clock);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(Schema.DOWNSTREAM_REQUESTS) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        retention.close();

        assertThat(count(Schema.DOWNSTREAM_REQUESTS) + count(Schema.USAGES)).isZero();
        assertThat(retention.stopped()).isTrue();
    }
}
