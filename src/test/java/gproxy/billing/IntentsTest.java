package gproxy.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import gproxy.access.Caller;
import gproxy.error.GatewayException;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.snapshot.Identity;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.ForwardingStore;
import gproxy.store.Store;
import gproxy.store.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group-commit intent writer on a real SQLite file. */
class IntentsTest {
    private static final Caller CALLER = new Caller(new Identity.Key(4, 3, "k"),
            new Identity.User(3, "u", Optional.of(1L), Optional.empty(), true, false), Optional.empty(), Optional.empty());

    private CountingStore store;

    @BeforeEach
    void open() throws Exception {
        String dsn = "sqlite://" + Files.createTempDirectory("gproxy-intents-").resolve("gproxy.db") + "?mode=rwc";
        store = new CountingStore(JdbcStore.open(dsn));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordReturnsOnlyOnceTheIntentIsCommitted() {
        try (Intents intents = new Intents(store, 9, Clock.systemUTC(), 64, 256);
             Intents.Recorded recorded = intents.record(intent("r-1"))) {
            recorded.handOver();
            List<Row> rows = store.list(Schema.USAGE_INTENTS, Query.where("request_id", "r-1"));
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().longValue("instance_id")).isEqualTo(9);
            assertThat(rows.getFirst().longValue("estimate_nanos")).isEqualTo(5_000);
            assertThat(rows.getFirst().longValue("org_id")).isEqualTo(1);
        }
    }

    @Test
    void concurrentRequestsShareTransactions() throws Exception {
        int requests = 64;
        ConcurrentLinkedQueue<String> durableOnReturn = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 64, 256)) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "c-" + i;
                threads.add(Thread.ofVirtual().start(() -> {
                    await(start);
                    try (Intents.Recorded recorded = intents.record(intent(id))) {
                        recorded.handOver();
                        if (store.count(Schema.USAGE_INTENTS, Query.where("request_id", id)) == 1) {
                            durableOnReturn.add(id);
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
        assertThat(durableOnReturn).hasSize(requests);
        assertThat(store.writes.get()).as("transactions for " + requests + " intents").isLessThan(requests);
    }

    @Test
    void withEnoughRequestsInFlightALeaderWaitsTheCommitDelaySoALaterIntentSharesItsTransaction() throws Exception {
        store.sleepMillis = 0;
        try (Intents intents = new Intents(store, 9, Clock.systemUTC(), 64, 256, java.time.Duration.ofMillis(400))) {
            List<Intents.Recorded> inFlight = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                inFlight.add(intents.record(intent("open-" + i))); // fewer than three siblings: no delay
            }
            int before = store.writes.get();
            // kept open until the count is read: a cancel may be written by the background writer at any poll
            java.util.concurrent.atomic.AtomicReference<Intents.Recorded> first = new java.util.concurrent.atomic.AtomicReference<>();
            Thread leader = Thread.ofVirtual().start(() -> first.set(intents.record(intent("first"))));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (leader.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the leader, waiting out the commit delay with three siblings in flight
            }
            inFlight.add(intents.record(intent("second")));
            leader.join();

            assertThat(store.writes.get() - before).as("one transaction for both intents").isEqualTo(1);
            inFlight.add(first.get());
            inFlight.forEach(Intents.Recorded::close);
        }
    }

    @Test
    void aLoneRequestDoesNotWaitTheCommitDelay() {
        store.sleepMillis = 0;
        try (Intents intents = new Intents(store, 9, Clock.systemUTC(), 64, 256, java.time.Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                intents.record(intent("alone-" + i)).close();
            }
            assertThat(System.nanoTime() - start).as("far below one 5 s delay").isLessThan(4_000_000_000L);
        }
    }

    @Test
    void anIntentClosedWithoutHandOverIsCancelledAndAHandedOverOneKept() {
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 64, 256)) {
            intents.record(intent("failed-1")).close();
            try (Intents.Recorded answered = intents.record(intent("answered-1"))) {
                answered.handOver();
            }
        }
        assertThat(store.list(Schema.USAGE_INTENTS, Query.all())).extracting(r -> r.text("request_id"))
                .containsExactly("answered-1");
    }

    @Test
    void manyConcurrentCallersEachReturnOnlyOnceTheirOwnRowIsVisibleAndCommitOnRequestThreads() throws Exception {
        int requests = 300;
        store.sleepMillis = 1;
        ConcurrentLinkedQueue<String> durableOnReturn = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 16, 64)) { // several batches, a full queue
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "m-" + i;
                threads.add(Thread.ofVirtual().name("request-" + i).start(() -> {
                    await(start);
                    try (Intents.Recorded recorded = intents.record(intent(id))) {
                        recorded.handOver();
                        if (store.count(Schema.USAGE_INTENTS, Query.where("request_id", id)) == 1) {
                            durableOnReturn.add(id);
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
        assertThat(failures).isEmpty();
        assertThat(durableOnReturn).hasSize(requests);
        assertThat(store.count(Schema.USAGE_INTENTS, Query.all())).isEqualTo(requests);
        assertThat(store.writes.get()).as("transactions for " + requests + " intents").isLessThan(requests);
        long byRequests = store.rowsByThread.entrySet().stream().filter(e -> e.getKey().startsWith("request-"))
                .mapToLong(e -> e.getValue().get()).sum();
        assertThat(byRequests).as("intents committed by a waiting request rather than handed to a thread: "
                + store.rowsByThread).isGreaterThan(requests / 2);
    }

    @Test
    void aFailingStoreFailsEveryWaitingCallerWithUsageStoreUnavailable() throws Exception {
        int requests = 100;
        store.failing = true;
        ConcurrentLinkedQueue<GatewayException> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> returned = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 16, 64)) {
            List<Thread> threads = new java.util.ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "f-" + i;
                threads.add(Thread.ofVirtual().start(() -> {
                    await(start);
                    try (Intents.Recorded recorded = intents.record(intent(id))) {
                        returned.add(id);
                    } catch (GatewayException e) {
                        refused.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(java.time.Duration.ofSeconds(20));
                assertThat(t.isAlive()).as("a caller parked forever on a failing store").isFalse();
            }
            assertThat(returned).isEmpty();
            assertThat(refused).hasSize(requests).allSatisfy(e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.code()).isEqualTo("usage_store_unavailable");
            });
            store.failing = false; // the store is back: the next caller commits
            try (Intents.Recorded recorded = intents.record(intent("after-1"))) {
                recorded.handOver();
            }
        }
        assertThat(store.list(Schema.USAGE_INTENTS, Query.all())).extracting(r -> r.text("request_id"))
                .containsExactly("after-1");
    }

    @Test
    void theQuotaChargeAndTheHoldOfARequestAreRecordedOnItsIntent() {
        gproxy.access.Hold hold = new gproxy.access.Hold("tok", List.of(new gproxy.access.Hold.Charge("qp:user:3:9", 5_000)));
        Intent held = new Intent("r-h", CALLER, Optional.empty(), OperationKey.of(Operation.GENERATE_CONTENT,
                Kind.OPENAI_CHAT), 7, 8, "gpt-4o-mini", 2, 5_000, Optional.of(hold));
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 4, 16);
             Intents.Recorded recorded = intents.record(held)) {
            recorded.handOver();
            store.write(tx -> {
                Intents.markCharged(tx, "r-h", 4_200);
                Intents.markCharged(tx, "no-such-request", 1);
                return null;
            });
        }
        Row row = store.list(Schema.USAGE_INTENTS, Query.where("request_id", "r-h")).getFirst();
        assertThat(row.text("pending_quota")).isEqualTo("tok qp:user:3:9=5000");
        assertThat(row.longValue("quota_charged")).isEqualTo(4_200);
    }

    @Test
    void moreCancellationsThanABatchAreAllWritten() {
        try (Intents intents = new Intents(store, 0, Clock.systemUTC(), 4, 16)) {
            for (int i = 0; i < 9; i++) {
                intents.record(intent("x-" + i)).close();
            }
        }
        assertThat(store.count(Schema.USAGE_INTENTS, Query.all())).isZero();
    }

    private static Intent intent(String requestId) {
        return new Intent(requestId, CALLER, Optional.of("chat"),
                OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT), 7, 8, "gpt-4o-mini", 2, 5_000);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The real store, counting the writer's transactions; each one waits a little, as a slow fsync would. */
    private static final class CountingStore extends ForwardingStore {
        private final AtomicInteger writes = new AtomicInteger();
        private final java.util.Map<String, AtomicInteger> rowsByThread = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile long sleepMillis = 10;
        private volatile boolean failing;

        CountingStore(Store delegate) {
            super(delegate);
        }

        @Override
        public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column, List<String> keys) {
            writes.incrementAndGet();
            if (!rows.isEmpty()) {
                rowsByThread.computeIfAbsent(Thread.currentThread().getName(), n -> new AtomicInteger()).addAndGet(rows.size());
            }
            if (failing) {
                throw new IllegalStateException("store down");
            }
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate.appendAndDelete(table, rows, deleteFrom, column, keys);
        }
    }
}
