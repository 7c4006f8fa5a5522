package gproxy.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.config.Settings;

/** Flush sees the writer's batch in hand, and outside shutdown never gives up a row. */
class AppendQueueTest {
    @TempDir
    Path dir;

    private JdbcStore store;

    @BeforeEach
    void open() {
        store = JdbcStore.open(Dsn.parse(Settings.sqliteDsn(dir.resolve("q.db"))), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void flushWaitsForTheBatchTheWriterHasInHand() throws Exception {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Store slow = new ForwardingStore(store) {
            @Override
            public void append(Table table, List<Row> rows) {
                inHand.countDown();
                await(release);
                super.append(table, rows);
            }
        };
        try (AppendQueue queue = new AppendQueue(slow, 10, Duration.ofMillis(5))) {
            queue.offer(Schema.AUDIT_LOGS, audit("first"));
            assertThat(inHand.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> flush = CompletableFuture.runAsync(queue::flush);
            Thread.sleep(100);
            assertThat(flush).isNotDone();

            release.countDown();
            flush.get(5, TimeUnit.SECONDS);
            assertThat(store.count(Schema.AUDIT_LOGS, Query.all())).isEqualTo(1);
        }
    }

    @Test
    void aFlushThatCannotWriteLeavesTheRowsToTheWriter() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        Store flaky = new ForwardingStore(store) {
            @Override
            public void append(Table table, List<Row> rows) {
                if (down.get()) {
                    throw StoreException.unavailable("database down", (Throwable) null);
                }
                super.append(table, rows);
            }
        };
        try (AppendQueue queue = new AppendQueue(flaky, 10, Duration.ofMillis(5))) {
            queue.offer(Schema.AUDIT_LOGS, audit("kept"));
            queue.flush();
            assertThat(store.count(Schema.AUDIT_LOGS, Query.all())).isZero();

            down.set(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (store.count(Schema.AUDIT_LOGS, Query.all()) == 0 && System.nanoTime() < deadline) {
                queue.flush();
                Thread.sleep(20);
            }
            assertThat(store.count(Schema.AUDIT_LOGS, Query.all())).isEqualTo(1);
        }
    }

    private static Row audit(String action) {
        return Row.of(Map.of("at", 1L, "action", action, "target", "/admin/x", "status", 200L));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
