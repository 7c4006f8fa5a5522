package gproxy.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gproxy.cache.CacheBackend;
import gproxy.cache.InProcessCache;
import gproxy.config.Settings;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.ForwardingStore;
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
    private static final class FlakyStore extends ForwardingStore {
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();

        FlakyStore(Store delegate) {
            super(delegate);
        }

        @Override
        public List<Row> list(Table table, Query query) {
            reads.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("connection reset");
            }
            return delegate.list(table, query);
        }
    }
}
