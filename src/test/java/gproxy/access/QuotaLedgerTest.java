package gproxy.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gproxy.store.Row;

class QuotaLedgerTest {
    private static final Instant NOW = Instant.parse("2025-01-15T12:00:30Z");
    private static final long TODAY = Window.DAY.anchor(NOW);
    private static final long YESTERDAY = TODAY - 86_400;

    @Test
    void observingNeverMovesUsageBackwards() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.observe(row(50, TODAY, 20));
        ledger.observe(row(40, TODAY, 10)); // an older read, arriving late

        assertThat(ledger.usage(1).usedAt(Window.TOTAL, NOW)).isEqualTo(50);
        assertThat(ledger.usage(1).usedAt(Window.DAY, NOW)).isEqualTo(20);
    }

    @Test
    void aNewerAnchorWinsOverALargerAmountOfAnOlderWindow() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.observe(row(90, YESTERDAY, 90));
        ledger.observe(row(95, TODAY, 5));
        ledger.observe(row(90, YESTERDAY, 90));

        assertThat(ledger.usage(1).usedAt(Window.DAY, NOW)).isEqualTo(5);
    }

    @Test
    void aStaleAnchorCountsAsNothingAndANullOneAsAWindowNeverOpened() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.observe(row(90, YESTERDAY, 90));
        Map<String, Object> fresh = new HashMap<>(Map.of("id", 2L, "scope", "user", "scope_id", 8L));
        ledger.observe(Row.of(fresh));

        assertThat(ledger.usage(1).usedAt(Window.DAY, NOW)).isZero();
        assertThat(ledger.usage(1).usedAt(Window.TOTAL, NOW)).isEqualTo(90);
        assertThat(ledger.usage(2).usedAt(Window.DAY, NOW)).isZero();
        assertThat(ledger.usage(3).usedAt(Window.TOTAL, NOW)).as("unknown row").isZero();
    }

    @Test
    void replaceIsAuthoritativeSoAnAdminResetTakesEffect() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.observe(row(90, TODAY, 90));
        ledger.observe(Row.of(Map.of("id", 9L, "scope", "org", "scope_id", 1L, "cost_used", 5L)));

        ledger.replace(List.of(row(0, TODAY, 0)));

        assertThat(ledger.usage(1).usedAt(Window.DAY, NOW)).isZero();
        assertThat(ledger.usage(9).usedAt(Window.TOTAL, NOW)).as("a row no longer stored").isZero();
    }

    @Test
    void aLocalChargeAddsInsideTheWindowAndRestartsAStaleOne() {
        QuotaLedger ledger = new QuotaLedger();
        ledger.observe(row(10, YESTERDAY, 10));

        ledger.charge(1, 3, NOW);

        assertThat(ledger.usage(1).usedAt(Window.TOTAL, NOW)).isEqualTo(13);
        assertThat(ledger.usage(1).usedAt(Window.DAY, NOW)).isEqualTo(3);
    }

    private static Row row(long costUsed, long dayAnchor, long dayUsed) {
        return Row.of(Map.of("id", 1L, "scope", "user", "scope_id", 7L, "cost_used", costUsed,
                "day_anchor", dayAnchor, "day_used", dayUsed));
    }
}
