package gproxy.access;

import static gproxy.access.Callers.ORG;
import static gproxy.access.Callers.TEAM;
import static gproxy.access.Callers.USER;
import static gproxy.access.QuotaFixture.USD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import gproxy.cache.RedisCache;
import gproxy.snapshot.Identity;
import gproxy.snapshot.Routing;
import gproxy.snapshot.Snapshot;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.ExternalServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending quota left behind by a process that died mid-request, on the shared local Redis (a key
 * prefix of this run's own) and a real SQLite store: a later process releases exactly the charges the
 * reservation made, once, and never drives a counter below what live reservations hold.
 */
class AbandonedQuotaTest {
    private final String prefix = "gproxy-test:" + UUID.randomUUID() + ":";
    private final ManualClock clock = new ManualClock();

    @TempDir
    Path dir;

    private JdbcStore store;

    @BeforeEach
    void open() {
        ExternalServices.require("Redis", "127.0.0.1", 6379);
        store = JdbcStore.open("sqlite://" + dir.resolve("quotas.db") + "?mode=rwc");
        quota("user", USER, 100 * USD);
        quota("team", TEAM, 100 * USD);
        quota("org", ORG, 100 * USD);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aHoldLeftByAKilledProcessIsReleasedByTheNextProcessExactlyOnce() {
        Hold hold;
        try (RedisCache dead = redis()) {
            Reservation leaked = gate(dead).reserve(Callers.member(), 3 * USD); // never closed: the process dies
            hold = leaked.hold().orElseThrow();
        }
        assertThat(hold.charges()).hasSize(3).allSatisfy(c -> assertThat(c.amount()).isEqualTo(3 * USD));
        Hold stored = Hold.decode(hold.encode()).orElseThrow(); // as the intent row carries it

        try (RedisCache next = redis()) {
            assertThat(pending(next, Scope.USER, USER)).isEqualTo(3 * USD);
            AbandonedQuota abandoned = new AbandonedQuota(next, clock);

            assertThat(abandoned.release(stored)).isTrue();
            assertThat(abandoned.release(stored)).as("a second start-up releases nothing").isFalse();

            for (Scope.Ref ref : List.of(new Scope.Ref(Scope.USER, USER), new Scope.Ref(Scope.TEAM, TEAM),
                    new Scope.Ref(Scope.ORG, ORG))) {
                assertThat(pending(next, ref.scope(), ref.id())).isZero();
            }
            assertThat(rawCounters(next, stored)).as("no counter driven below zero").containsOnly(0L);
        }
    }

    @Test
    void aHoldTheRequestReleasedBeforeTheKillIsNotReleasedAgainAndOthersStayPending() {
        try (RedisCache cache = redis()) {
            QuotaGate gate = gate(cache);
            Reservation settled = gate.reserve(Callers.loner(), 2 * USD);
            Hold hold = settled.hold().orElseThrow();
            try (Reservation live = gate.reserve(Callers.loner(), 5 * USD)) {
                settled.commit(USD); // charged and released; its usage row was still queued when the process died

                assertThat(new AbandonedQuota(cache, clock).release(hold)).isFalse();
                assertThat(pending(cache, Scope.USER, USER)).as("the live reservation still counts whole")
                        .isEqualTo(5 * USD);
                assertThat(rawCounters(cache, hold)).containsOnly(5 * USD);
            }
            assertThat(pending(cache, Scope.USER, USER)).isZero();
        }
    }

    @Test
    void aRequestWithoutQuotaOrWithAZeroEstimateHoldsNothing() {
        try (RedisCache cache = redis()) {
            Identity.User stranger = new Identity.User(99, "zoe", Optional.empty(), Optional.empty(), true, false);
            Caller unlimited = new Caller(new Identity.Key(990, 99, "k"), stranger, Optional.empty(), Optional.empty());
            try (Reservation none = gate(cache).reserve(unlimited, 4 * USD);
                 Reservation free = gate(cache).reserve(Callers.loner(), 0)) {
                assertThat(none.hold()).isEmpty();
                assertThat(free.hold()).isEmpty();
            }
            assertThat(pending(cache, Scope.USER, USER)).isZero();
        }
    }

    @Test
    void holdTextThatIsNotAHoldReleasesNothing() {
        assertThat(Hold.decode("")).isEmpty();
        assertThat(Hold.decode("tok qp:user:7:1=")).isEmpty();
        assertThat(Hold.decode("tok qp:user:7:1=-5")).isEmpty();
        assertThat(Hold.decode("tok sess:abc=5")).isEmpty();
        Hold hold = new Hold("tok", List.of(new Hold.Charge("qp:user:7:12", 5), new Hold.Charge("qp:org:1:12", 5)));
        assertThat(Hold.decode(hold.encode())).contains(hold);
    }

    @Test
    void chargingAnAbandonedRequestAddsItsEstimateToEveryQuotaOfItsChain() {
        Instant now = clock.instant();
        int charged = store.write(tx -> AbandonedQuota.charge(tx, USER, Optional.of(TEAM), Optional.of(ORG), 2 * USD, now));

        assertThat(charged).isEqualTo(3);
        assertThat(store.list(Schema.QUOTAS, Query.all())).allSatisfy(q -> {
            assertThat(q.longValue("cost_used")).isEqualTo(2 * USD);
        });
        int none = store.write(tx -> AbandonedQuota.charge(tx, 99, Optional.empty(), Optional.empty(), USD, now));
        assertThat(none).as("a user with no quota row").isZero();
    }

    private RedisCache redis() {
        return RedisCache.connect("redis://127.0.0.1:6379/0", prefix);
    }

    private QuotaGate gate(RedisCache cache) {
        AccessControl access = new AccessControl(cache, store, clock);
        Map<String, List<Row>> rows = Map.of(Schema.QUOTAS.name(), store.list(Schema.QUOTAS, Query.all()));
        return access.forSnapshot(new Snapshot(1, Instant.EPOCH, rows, Identity.EMPTY, Map.of(), Routing.EMPTY,
                Map.of())).quotaGate();
    }

    private long pending(RedisCache cache, Scope scope, long id) {
        return new PendingQuota(cache, clock).pending(new Scope.Ref(scope, id));
    }

    /** The counters as stored, unclamped: a negative one would hide later reservations. */
    private static List<Long> rawCounters(RedisCache cache, Hold hold) {
        return hold.charges().stream().map(c -> cache.get(c.key()).map(Long::parseLong).orElse(0L)).toList();
    }

    private void quota(String scope, long scopeId, long total) {
        Map<String, Object> row = new HashMap<>(Map.of("scope", scope, "scope_id", scopeId, "quota_total", total));
        store.write(tx -> tx.save(Schema.QUOTAS, Row.of(row)));
    }
}
