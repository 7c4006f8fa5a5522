package gproxy.access;

import static gproxy.access.Callers.ORG;
import static gproxy.access.Callers.TEAM;
import static gproxy.access.Callers.USER;
import static gproxy.access.QuotaFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import gproxy.error.GatewayException;

/** Many requests racing for little room, against a real SQLite store in a temporary file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuotaConcurrencyTest {
    private static final int REQUESTS = 64;

    @TempDir
    Path dir;

    private QuotaFixture f;

    @BeforeEach
    void open() {
        f = new QuotaFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void sixtyFourReservationsInFlightAgainstRoomForTenAdmitTenAndTheLedgerEqualsTheCommits() throws Exception {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();
        CountDownLatch allTried = new CountDownLatch(REQUESTS);
        AtomicLong committed = new AtomicLong();

        long admitted = race(() -> {
            Reservation r;
            try {
                r = gate.reserve(Callers.loner(), USD);
            } catch (GatewayException refused) {
                allTried.countDown();
                return false;
            }
            try (r) {
                allTried.countDown();
                allTried.await(); // hold every admitted reservation in flight until all 64 have tried
                r.commit(USD);
                committed.addAndGet(USD);
            }
            return true;
        });

        assertThat(admitted).isEqualTo(10);
        assertSettled(quota, committed.get());
        assertThat(committed.get()).isEqualTo(10 * USD);
    }

    @Test
    void costsAboveTheEstimatesOverrunByNoMoreThanTheirExcess() throws Exception {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();
        CountDownLatch allTried = new CountDownLatch(REQUESTS);
        AtomicLong committed = new AtomicLong();
        AtomicLong excess = new AtomicLong();
        AtomicLong sequence = new AtomicLong();

        long admitted = race(() -> {
            Reservation r;
            try {
                r = gate.reserve(Callers.loner(), USD);
            } catch (GatewayException refused) {
                allTried.countDown();
                return false;
            }
            try (r) {
                allTried.countDown();
                allTried.await();
                long actual = (sequence.getAndIncrement() % 4) * USD / 2; // 0, 0.5, 1, 1.5 × the estimate
                r.commit(actual);
                committed.addAndGet(actual);
                excess.addAndGet(Math.max(0, actual - USD));
            }
            return true;
        });

        assertThat(admitted).isEqualTo(10);
        assertSettled(quota, committed.get());
        assertThat(committed.get()).isLessThanOrEqualTo(10 * USD + excess.get());
    }

    @Test
    void settlingWhileOthersReserveNeverOverrunsAChainWhoseEstimatesCoverTheCost() throws Exception {
        long user = f.quota("user", USER, Map.of("quota_total", 1_000 * USD));
        long team = f.quota("team", TEAM, Map.of("quota_daily", 1_000 * USD));
        long org = f.quota("org", ORG, Map.of("quota_total", 10 * USD, "quota_5h", 1_000 * USD));
        QuotaGate gate = f.gate();
        AtomicLong committed = new AtomicLong();

        long admitted = race(() -> {
            long mine = 0;
            for (int round = 0; round < 4; round++) {
                try (Reservation r = gate.reserve(Callers.member(), USD)) {
                    long actual = USD / (1 + round); // never above the estimate
                    r.commit(actual);
                    committed.addAndGet(actual);
                    mine++;
                } catch (GatewayException refused) {
                    // full for now; a later round may find room left by a cheaper commit
                }
            }
            return mine > 0;
        });

        assertThat(admitted).isPositive();
        assertThat(committed.get()).isLessThanOrEqualTo(10 * USD);
        for (long quota : List.of(user, team, org)) {
            assertThat(f.row(quota).get("cost_used")).isEqualTo(committed.get());
            assertThat(f.ledger(quota).usedAt(Window.TOTAL, f.clock.instant())).isEqualTo(committed.get());
        }
        assertThat(f.pending("team", TEAM)).isZero();
        assertThat(f.pending("org", ORG)).isZero();
    }

    private void assertSettled(long quota, long committed) {
        assertThat(f.row(quota).get("cost_used")).isEqualTo(committed);
        assertThat(f.ledger(quota).usedAt(Window.TOTAL, f.clock.instant())).isEqualTo(committed);
        assertThat(f.pending("user", USER)).isZero();
        assertThat(f.access.openReservations()).isZero();
    }

    @FunctionalInterface
    private interface Request {
        boolean run() throws Exception;
    }

    /** Starts all requests together on a latch, one virtual thread each; returns how many said true. */
    private static long race(Request request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return request.run();
                }));
            }
            start.countDown();
            long yes = 0;
            for (Future<Boolean> r : results) {
                yes += r.get(50, TimeUnit.SECONDS) ? 1 : 0;
            }
            return yes;
        }
    }
}
