package gproxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import gproxy.config.Settings;
import gproxy.store.InstanceLease;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.StoreException;
import gproxy.testing.FreshDatabase;
import gproxy.testing.TestGateway;

/**
 * Instance ids on a shared database: a second live instance with the same id is refused before it
 * could reconcile the first one's in-flight intents, a freed id can be taken again, and instances
 * starting at the same moment on a fresh database migrate it once.
 */
class InstanceIdTest {

    @Test
    void aSecondLiveClaimOfAnIdIsRefusedOnPostgresAndTheIdIsFreeAgainOnceReleased() {
        try (FreshDatabase db = FreshDatabase.postgres()) {
            claimsAreExclusive(db);
        }
    }

    @Test
    void aSecondLiveClaimOfAnIdIsRefusedOnMariaDbAndTheIdIsFreeAgainOnceReleased() {
        try (FreshDatabase db = FreshDatabase.mariadb()) {
            claimsAreExclusive(db);
        }
    }

    @Test
    void aGatewayStartedWithTheIdOfARunningOneIsRefusedSayingWhy() {
        try (FreshDatabase db = FreshDatabase.postgres();
             TestGateway first = TestGateway.start(s -> s.withDsn(db.dsn()))) {
            assertThatThrownBy(() -> TestGateway.join(first, s -> s.withDsn(db.dsn())).close())
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("instance id 0 is in use by another running instance")
                    .hasMessageContaining("GPROXY_INSTANCE_ID");
        }
    }

    @Test
    void twoInstancesStartingAtOnceOnAFreshPostgresDatabaseMigrateItOnceAndBothServe() throws Exception {
        gproxy.testing.ExternalServices.require("Redis", "127.0.0.1", 6379);
        try (FreshDatabase db = FreshDatabase.postgres();
             ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<gproxy.server.Gateway>> starting = List.of(
                    pool.submit(() -> start(db, 1)), pool.submit(() -> start(db, 2)));
            List<gproxy.server.Gateway> gateways = List.of(starting.get(0).get(60, TimeUnit.SECONDS),
                    starting.get(1).get(60, TimeUnit.SECONDS));
            try {
                assertThat(gateways.get(0).port()).isNotEqualTo(gateways.get(1).port());
                try (JdbcStore store = JdbcStore.open(db.dsn())) {
                    assertThat(store.count(gproxy.store.Schema.USERS, Query.all())).isEqualTo(1); // one admin
                }
                List<Long> versions = db.longs("SELECT version FROM " + db.name() + ".schema_migrations ORDER BY version");
                assertThat(versions).isNotEmpty();
                for (int i = 0; i < versions.size(); i++) {
                    assertThat(versions.get(i)).isEqualTo(i + 1L); // each version once, none skipped
                }
            } finally {
                gateways.forEach(gproxy.server.Gateway::close);
            }
        }
    }

    private static void claimsAreExclusive(FreshDatabase db) {
        try (JdbcStore one = JdbcStore.open(db.dsn()); JdbcStore two = JdbcStore.open(db.dsn())) {
            InstanceLease held = one.leaseInstance(7);
            assertThatThrownBy(() -> two.leaseInstance(7)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("instance id 7 is in use");
            try (InstanceLease other = two.leaseInstance(8)) {
                assertThat(other.held()).isTrue();
            }
            held.close();
            try (InstanceLease again = two.leaseInstance(7)) {
                assertThat(again.held()).isTrue();
            }
        }
    }

    private static gproxy.server.Gateway start(FreshDatabase db, long id) throws Exception {
        Settings settings = Settings.defaults(Files.createTempDirectory("gproxy-race-")).withPort(0)
                .withAdminPassword(TestGateway.ADMIN_PASSWORD).withDsn(db.dsn())
                .withCluster("redis://127.0.0.1:6379", id, Duration.ofSeconds(30))
                .withCacheKeyPrefix("gproxy-race:" + db.name() + ":");
        return gproxy.server.Gateway.start(settings, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    }
}
