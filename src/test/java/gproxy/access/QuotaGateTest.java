package gproxy.access;

import static gproxy.access.Callers.ORG;
import static gproxy.access.Callers.TEAM;
import static gproxy.access.Callers.USER;
import static gproxy.access.QuotaFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.error.GatewayException;
import gproxy.store.Row;
import gproxy.store.Schema;

class QuotaGateTest {
    @TempDir
    Path dir;

    private QuotaFixture f;

    @BeforeEach
    void open() {
        f = new QuotaFixture(dir);
    }

    @AfterEach
    void leaveNothingOpen() {
        assertThat(f.access.openReservations()).as("reservations left open").isZero();
        f.close();
    }

    @Test
    void anEstimateThatExactlyFillsTheRoomIsAdmitted() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD, "cost_used", 4 * USD));

        try (Reservation r = f.gate().reserve(Callers.loner(), 6 * USD)) {
            assertThat(r.estimateNanos()).isEqualTo(6 * USD);
            assertThat(f.pending("user", USER)).isEqualTo(6 * USD);
        }
    }

    @Test
    void usedPlusPendingEqualToTheLimitRefusesEvenAZeroEstimate() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD, "cost_used", 4 * USD));
        QuotaGate gate = f.gate();

        try (Reservation held = gate.reserve(Callers.loner(), 6 * USD)) {
            GatewayException e = catchThrowableOfType(GatewayException.class, () -> gate.reserve(Callers.loner(), 0));

            assertThat(e.status()).isEqualTo(402);
            assertThat(e.code()).isEqualTo("quota_exceeded");
        }
    }

    @Test
    void anEstimateOneNanoOverTheRoomIsRefusedAndLeavesNoPending() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD, "cost_used", 4 * USD));

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> f.gate().reserve(Callers.loner(), 6 * USD + 1));

        assertThat(e.status()).isEqualTo(402);
        assertThat(e.getMessage()).isEqualTo("quota exceeded: the user's total quota has no room for this request");
        assertThat(f.pending("user", USER)).isZero();
    }

    @Test
    void everyWindowOfEveryScopeMustHaveRoomAndARefusalGivesBackTheEarlierCharges() {
        f.quota("user", USER, Map.of("quota_total", 100 * USD));
        f.quota("team", TEAM, Map.of("quota_total", 100 * USD, "quota_daily", 2 * USD));
        f.quota("org", ORG, Map.of("quota_monthly", 100 * USD));

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> f.gate().reserve(Callers.member(), 3 * USD));

        assertThat(e.getMessage()).contains("the team's daily quota");
        assertThat(f.pending("user", USER)).isZero();
        assertThat(f.pending("team", TEAM)).isZero();
        assertThat(f.pending("org", ORG)).isZero();
    }

    @Test
    void closeWithoutCommitReleasesTheEstimateAndChargesNothing() {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));

        try (Reservation r = f.gate().reserve(Callers.loner(), 3 * USD)) {
            assertThat(f.pending("user", USER)).isEqualTo(3 * USD);
        }

        assertThat(f.pending("user", USER)).isZero();
        assertThat(f.row(quota).get("cost_used")).isEqualTo(0L);
    }

    @Test
    void commitChargesTheActualCostAndSubtractsExactlyTheReservedEstimate() {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();

        try (Reservation other = gate.reserve(Callers.loner(), 3 * USD)) {
            try (Reservation r = gate.reserve(Callers.loner(), 2 * USD)) {
                r.commit(5 * USD);
            }
            assertThat(f.pending("user", USER)).as("only the other reservation's estimate").isEqualTo(3 * USD);
        }

        Row row = f.row(quota);
        assertThat(row.get("cost_used")).isEqualTo(5 * USD);
        assertThat(row.get("day_used")).isEqualTo(5 * USD);
        assertThat(row.get("five_hour_used")).isEqualTo(5 * USD);
        assertThat(f.ledger(quota).usedAt(Window.TOTAL, f.clock.instant())).isEqualTo(5 * USD);
    }

    @Test
    void aSecondCommitAndACommitAfterCloseAreNoOps() {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();

        Reservation twice = gate.reserve(Callers.loner(), USD);
        twice.commit(USD);
        twice.commit(USD);
        twice.close();
        Reservation closed = gate.reserve(Callers.loner(), USD);
        closed.close();
        closed.commit(USD);

        assertThat(f.row(quota).get("cost_used")).isEqualTo(USD);
        assertThat(f.pending("user", USER)).isZero();
    }

    @Test
    void admissionSeesCommittedSpendAlthoughTheSnapshotStillShowsNone() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate(); // its rows say cost_used = 0 for as long as it lives

        try (Reservation r = gate.reserve(Callers.loner(), USD)) {
            r.commit(9 * USD);
        }

        assertThatThrownBy(() -> gate.reserve(Callers.loner(), 2 * USD)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("total quota");
    }

    @Test
    void theDailyWindowResetsOnTheNextUtcDayInTheLedgerAndInTheStore() {
        long quota = f.quota("user", USER, Map.of("quota_daily", 10 * USD));
        QuotaGate gate = f.gate();
        try (Reservation r = gate.reserve(Callers.loner(), 10 * USD)) {
            r.commit(10 * USD);
        }
        assertThatThrownBy(() -> gate.reserve(Callers.loner(), USD)).hasMessageContaining("daily quota");

        Instant tomorrow = Instant.parse("2025-01-16T00:00:05Z");
        f.clock.set(tomorrow);
        try (Reservation r = gate.reserve(Callers.loner(), 4 * USD)) {
            r.commit(4 * USD);
        }

        Row row = f.row(quota);
        assertThat(row.get("day_used")).isEqualTo(4 * USD);
        assertThat(row.get("day_anchor")).isEqualTo(Instant.parse("2025-01-16T00:00:00Z").getEpochSecond());
        assertThat(row.get("week_used")).as("same ISO week").isEqualTo(14 * USD);
        assertThat(row.get("week_anchor")).isEqualTo(Instant.parse("2025-01-13T00:00:00Z").getEpochSecond());
        assertThat(row.get("cost_used")).isEqualTo(14 * USD);
        assertThat(f.ledger(quota).usedAt(Window.DAY, tomorrow)).isEqualTo(4 * USD);
    }

    @Test
    void aCacheFailureMidChainIs503AndGivesBackTheEarlierCharges() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD));
        f.quota("org", ORG, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();
        f.cache.failKeys(key -> key.startsWith("qp:org:"));

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gate.reserve(Callers.member(), USD));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("counter_unavailable");
        f.cache.heal();
        assertThat(f.pending("user", USER)).isZero();
    }

    @Test
    void aStoreFailureAtCommitStillReleasesTheEstimateAndChargesTheLedger() {
        long quota = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        Reservation r = f.gate().reserve(Callers.loner(), 2 * USD);
        f.store.close();

        assertThatThrownBy(() -> r.commit(3 * USD)).isInstanceOf(RuntimeException.class);

        assertThat(f.pending("user", USER)).isZero();
        assertThat(f.ledger(quota).usedAt(Window.TOTAL, f.clock.instant())).isEqualTo(3 * USD);
    }

    @Test
    void aQuotaDeletedWhileTheRequestRanIsSkippedAtCommit() {
        long user = f.quota("user", USER, Map.of("quota_total", 10 * USD));
        long org = f.quota("org", ORG, Map.of("quota_total", 10 * USD));
        try (Reservation r = f.gate().reserve(Callers.member(), USD)) {
            f.store.write(tx -> tx.delete(Schema.QUOTAS, user));
            r.commit(2 * USD);
        }

        assertThat(f.row(org).get("cost_used")).isEqualTo(2 * USD);
        assertThat(f.pending("user", USER)).isZero();
    }

    @Test
    void aCallerWithoutQuotasNeedsNoCounter() {
        f.quota("user", USER + 1, Map.of("quota_total", 0L));
        QuotaGate gate = f.gate();
        f.cache.failEverything();

        try (Reservation r = gate.reserve(Callers.loner(), USD)) {
            r.commit(USD);
        }
    }

    @Test
    void aReservationCountsForFifteenMinutesAtLeastAndALeakedOneHealsWithinThirty() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();
        Reservation leaked = gate.reserve(Callers.loner(), 6 * USD); // a crash would never close it

        f.clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> gate.reserve(Callers.loner(), 6 * USD)).hasMessageContaining("total quota");

        f.clock.advance(Duration.ofMinutes(15));
        try (Reservation r = gate.reserve(Callers.loner(), 6 * USD)) {
            assertThat(f.pending("user", USER)).isEqualTo(6 * USD);
        }
        leaked.close();
        assertThat(f.pending("user", USER)).as("the late release lands in a generation nobody reads").isZero();
    }

    @Test
    void aNegativeEstimateOrCostIsAProgrammingError() {
        f.quota("user", USER, Map.of("quota_total", 10 * USD));
        QuotaGate gate = f.gate();

        assertThatThrownBy(() -> gate.reserve(Callers.loner(), -1)).isInstanceOf(IllegalArgumentException.class);
        try (Reservation r = gate.reserve(Callers.loner(), USD)) {
            assertThatThrownBy(() -> r.commit(-1)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(f.pending("user", USER)).isZero();
    }
}
