package gproxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gproxy.cache.CacheBackend;
import gproxy.cache.InProcessCache;
import gproxy.config.Settings;
import gproxy.store.Dialect;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * Two "instances" (two control planes, each with its own sync) on one SQLite file, told of each
 * other's writes through one in-process cache's pub/sub: what Redis carries between processes.
 * Peer B reads the database through a store that can be made to fail, to see a failed reload.
 */
class ConfigSyncTest {
    private JdbcStore store;
    private FlakyStore flaky;
    private CacheBackend cache;
    private ConfigSync a;
    private ConfigSync b;
    private StoreControlPlane planeB;

    @BeforeEach
    void open() throws Exception {
        Path dir = Files.createTempDirectory("gproxy-sync-");
        store = JdbcStore.open(Settings.sqliteDsn(dir));
        flaky = new FlakyStore(store);
        cache = new InProcessCache();
        a = ConfigSync.start(StoreControlPlane.load(store, Clock.systemUTC()), store, cache, Duration.ofMinutes(10));
        planeB = StoreControlPlane.load(flaky, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        a.close();
        if (b != null) {
            b.close();
        }
        cache.close();
        store.close();
    }

    @Test
    void aWriteAnnouncedByOneInstanceIsLoadedByItsPeer() {
        b = ConfigSync.start(planeB, flaky, cache, Duration.ofMinutes(10));

        long revision = writeProviderAndReloadOnA("p1");

        await(() -> b.current().revision() == revision);
        assertThat(b.current().rows(Schema.PROVIDERS)).extracting(r -> r.text("name")).containsExactly("p1");
    }

    @Test
    void aFailedReloadKeepsTheOldSnapshotAndTheNextPollCatchesUp() {
        b = ConfigSync.start(planeB, flaky, cache, Duration.ofMillis(200));
        Snapshot before = b.current();
        flaky.failing.set(true);

        long revision = writeProviderAndReloadOnA("p2");
        await(() -> planeB.failureCount() > 0);

        assertThat(b.current()).isSameAs(before);
        flaky.failing.set(false);
        await(() -> b.current().revision() == revision);
    }

    @Test
    void aWriteNobodyAnnouncedIsPickedUpByThePoll() {
        b = ConfigSync.start(planeB, flaky, cache, Duration.ofMillis(200));

        store.write(tx -> tx.save(Schema.PROVIDERS, Row.of(Map.of("name", "silent", "channel", "openai"))));
        long revision = store.revision();

        await(() -> b.current().revision() == revision);
    }

    @Test
    void anAnnouncementThatIsNotAheadReloadsNothing() throws InterruptedException {
        b = ConfigSync.start(planeB, flaky, cache, Duration.ofMinutes(10));
        long reloads = planeB.reloadCount();
        int reads = flaky.reads.get();

        cache.publish(ConfigSync.CHANNEL, Long.toString(planeB.current().revision()));
        cache.publish(ConfigSync.CHANNEL, "0");
        cache.publish(ConfigSync.CHANNEL, "not a number");
        Thread.sleep(200);

        assertThat(planeB.reloadCount()).isEqualTo(reloads);
        assertThat(flaky.reads.get()).isEqualTo(reads);
    }

    private long writeProviderAndReloadOnA(String name) {
        store.write(tx -> tx.save(Schema.PROVIDERS, Row.of(Map.of("name", name, "channel", "openai"))));
        return a.reload().revision();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The real store; while {@code failing}, every table read throws as a dropped connection would. */
    private static final class FlakyStore implements Store {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();
        private final Store delegate;

        FlakyStore(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Row> list(Table table, Query query) {
            reads.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("connection reset");
            }
            return delegate.list(table, query);
        }

        @Override public Dialect dialect() { return delegate.dialect(); }
        @Override public Optional<Row> find(Table table, long id) { return delegate.find(table, id); }
        @Override public long count(Table table, Query query) { return delegate.count(table, query); }
        @Override public <T> T write(Function<Tx, T> work) { return delegate.write(work); }
        @Override public long revision() { return delegate.revision(); }
        @Override public void append(Table table, List<Row> rows) { delegate.append(table, rows); }
        @Override public void appendIgnoringDuplicates(Table table, List<Row> rows) {
            delegate.appendIgnoringDuplicates(table, rows);
        }
        @Override public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column,
                                              List<String> keys) {
            delegate.appendAndDelete(table, rows, deleteFrom, column, keys);
        }
        @Override public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column,
                                              List<String> keys, List<gproxy.store.Accumulation> accumulations) {
            delegate.appendAndDelete(table, rows, deleteFrom, column, keys, accumulations);
        }
        @Override public long deleteLogs(Table table, Query query) { return delegate.deleteLogs(table, query); }
        @Override public long sizeBytes() { return delegate.sizeBytes(); }
        @Override public List<Row> select(Table table, gproxy.store.Selection selection) {
            return delegate.select(table, selection);
        }
        @Override public List<gproxy.store.Sums> sum(Table table, gproxy.store.Selection selection,
                                                     List<String> groupBy, List<String> columns) {
            return delegate.sum(table, selection, groupBy, columns);
        }
        @Override public long deleteWhere(Table table, gproxy.store.Selection selection) {
            return delegate.deleteWhere(table, selection);
        }
        @Override public void ping() { delegate.ping(); }
        @Override public void close() { delegate.close(); }
    }
}
