package gproxy.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import gproxy.snapshot.StoreControlPlane;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FreshDatabase;
import gproxy.testing.TestClock;

/** The retention sweeps on SQLite, and the size sweep against SQLite's real page count. */
class SqliteRetentionTest extends RetentionContract {
    @Override
    protected FreshDatabase fresh() {
        return FreshDatabase.sqlite();
    }

    @Test
    void theSizeSweepBringsARealDatabaseUnderNinetyPercentOfItsCapAndKeepsUsage() {
        TestClock clock = new TestClock();
        try (FreshDatabase db = FreshDatabase.sqlite(); JdbcStore store = JdbcStore.open(db.dsn())) {
            Random random = new Random(11);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                byte[] noise = new byte[32 * 1024];
                random.nextBytes(noise);
                rows.add(Row.of(Map.of("request_id", "r" + i, "at", 1_000L + i, "method", "POST", "path", "/v1/x",
                        "body", Base64.getEncoder().encodeToString(noise))));
            }
            store.append(Schema.DOWNSTREAM_REQUESTS, rows);
            store.append(Schema.USAGES, List.of(Row.of(Map.of("request_id", "kept", "at", 1L))));
            store.write(tx -> tx.save(Schema.INSTANCE_SETTINGS, Row.of(Map.of("max_database_size_mb", 2L))));
            StoreControlPlane plane = StoreControlPlane.load(store, clock);
            assertThat(store.sizeBytes()).isGreaterThan(2L * 1024 * 1024);

            Retention.Swept swept = new Retention(store, plane, clock, store::sizeBytes, 5, java.util.Optional.empty())
                    .sweepSize();

            assertThat(swept.downstream()).isPositive().isLessThan(80);
            assertThat(store.sizeBytes()).isLessThanOrEqualTo(2L * 1024 * 1024 / 10 * 9);
            assertThat(store.list(Schema.DOWNSTREAM_REQUESTS, Query.all().limit(1)).getFirst().text("request_id"))
                    .as("the oldest went first").isEqualTo("r" + swept.downstream());
            assertThat(store.count(Schema.USAGES, Query.all())).isEqualTo(1);
        }
    }
}
