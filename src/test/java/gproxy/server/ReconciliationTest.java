package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import gproxy.config.Settings;
import gproxy.store.JdbcStore;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import org.junit.jupiter.api.Test;

/**
 * Start-up reconciliation (DESIGN §4.1): intents a killed process left in the store become estimated,
 * interrupted usage rows before the listener binds; other instances' intents are left to them.
 */
class ReconciliationTest {

    @Test
    void anIntentWithNoUsageRowBecomesAnInterruptedEstimatedUsageRowAtStart() throws Exception {
        Settings settings = Settings.defaults(Files.createTempDirectory("gproxy-reconcile-")).withPort(0)
                .withAdminPassword("test-admin-password-1");
        try (Store store = JdbcStore.open(settings.dsn())) {
            store.append(Schema.USAGE_INTENTS, List.of(intent("killed-1", 0), intent("settled-1", 0),
                    intent("elsewhere-1", 5)));
            store.append(Schema.USAGES, List.of(Row.of(Map.of("request_id", "settled-1", "at", 1_700_000_000L,
                    "model", "gpt-4o-mini", "cost", 42L, "output_tokens", 9L))));
        }

        try (Gateway gateway = Gateway.start(settings, new PrintStream(new ByteArrayOutputStream()))) {
            Store store = gateway.store();
            Row killed = only(store, "killed-1");
            assertThat(killed.text("ended")).isEqualTo("interrupted");
            assertThat(killed.text("usage_source")).isEqualTo("estimated");
            assertThat(killed.longValue("input_tokens")).isEqualTo(120);
            assertThat(killed.longValue("output_tokens")).isZero();
            assertThat(killed.longValue("cost")).isEqualTo(300_000);
            assertThat(killed.longValue("user_id")).isEqualTo(3);
            assertThat(killed.longValue("user_key_id")).isEqualTo(4);
            assertThat(killed.longValue("org_id")).isEqualTo(1);
            assertThat(killed.longValue("provider_id")).isEqualTo(7);
            assertThat(killed.longValue("credential_id")).isEqualTo(8);
            assertThat(killed.text("route_name")).isEqualTo("chat");
            assertThat(killed.text("model")).isEqualTo("gpt-4o-mini");
            assertThat(killed.longValue("at")).isEqualTo(1_700_000_000L);

            Row settled = only(store, "settled-1");
            assertThat(settled.text("ended")).isEqualTo("complete");
            assertThat(settled.longValue("cost")).isEqualTo(42);

            assertThat(store.list(Schema.USAGE_INTENTS, Query.all())).extracting(r -> r.text("request_id"))
                    .containsExactly("elsewhere-1");
            assertThat(store.list(Schema.USAGES, Query.where("request_id", "elsewhere-1"))).isEmpty();
        }
    }

    @Test
    void anUnsettledIntentIsChargedItsEstimateOnceAndOneSettledBeforeTheKillIsNotChargedAgain() throws Exception {
        Settings settings = Settings.defaults(Files.createTempDirectory("gproxy-reconcile-")).withPort(0)
                .withAdminPassword("test-admin-password-1");
        long quotaId;
        try (Store store = JdbcStore.open(settings.dsn())) {
            quotaId = store.write(tx -> tx.save(Schema.QUOTAS, Row.of(Map.of("scope", "user", "scope_id", 3L,
                    "quota_total", 10_000_000_000L, "cost_used", 55_000L)))).requireId();
            // settled: the quota commit charged 55 000 and recorded it; the usage row died in the writer's queue
            store.append(Schema.USAGE_INTENTS, List.of(intent("unsettled-1", 0),
                    intent("settled-1", 0).with("quota_charged", 55_000L)));
        }

        try (Gateway gateway = Gateway.start(settings, new PrintStream(new ByteArrayOutputStream()))) {
            Store store = gateway.store();
            assertThat(only(store, "unsettled-1").longValue("cost")).isEqualTo(300_000);
            assertThat(only(store, "settled-1").longValue("cost")).as("billed at what the quota was charged")
                    .isEqualTo(55_000);
            Row quota = store.find(Schema.QUOTAS, quotaId).orElseThrow();
            assertThat(quota.longValue("cost_used")).as("the ledger equals the usage rows").isEqualTo(355_000);
            assertThat(quota.longValue("day_used")).isEqualTo(300_000);
            assertThat(gateway.accessControl().ledger().usedTotal(quotaId)).isEqualTo(355_000);
            assertThat(store.count(Schema.USAGE_INTENTS, Query.all())).isZero();
        }
    }

    @Test
    void aStartWithNoIntentsReconcilesNothing() throws Exception {
        Path dir = Files.createTempDirectory("gproxy-reconcile-");
        Settings settings = Settings.defaults(dir).withPort(0).withAdminPassword("test-admin-password-1");
        try (Gateway gateway = Gateway.start(settings, new PrintStream(new ByteArrayOutputStream()))) {
            assertThat(gateway.store().count(Schema.USAGES, Query.all())).isZero();
        }
    }

    private static Row only(Store store, String requestId) {
        List<Row> rows = store.list(Schema.USAGES, Query.where("request_id", requestId));
        assertThat(rows).as(requestId).hasSize(1);
        return rows.getFirst();
    }

    private static Row intent(String requestId, long instanceId) {
        Map<String, Object> row = new HashMap<>(Map.of("request_id", requestId, "instance_id", instanceId,
                "at", 1_700_000_000L, "user_id", 3L, "user_key_id", 4L, "org_id", 1L, "provider_id", 7L,
                "credential_id", 8L, "route_name", "chat", "model", "gpt-4o-mini"));
        row.putAll(Map.of("operation", "generate_content", "kind", "openai_chat", "estimated_input_tokens", 120L,
                "estimate_nanos", 300_000L));
        return Row.of(row);
    }
}
