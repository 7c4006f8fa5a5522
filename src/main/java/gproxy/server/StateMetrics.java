package gproxy.server;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import gproxy.access.QuotaLedger;
import gproxy.snapshot.ControlPlane;
import gproxy.snapshot.Snapshot;
import gproxy.store.Money;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * Gauges of state, read when {@code /metrics} is scraped, never on the request path:
 * {@code gproxy_credential_health{health_kind}} counts the enabled credentials by the health edges
 * recorded for them or their models ({@code healthy} when none or only recoveries), and
 * {@code gproxy_quota_total} / {@code gproxy_quota_used} {@code {scope,scope_id}} show each quota's
 * total limit and its live spend in USD.
 */
final class StateMetrics {
    private final ControlPlane plane;
    private final Store store;
    private final QuotaLedger ledger;

    StateMetrics(ControlPlane plane, Store store, QuotaLedger ledger) {
        this.plane = plane;
        this.store = store;
        this.ledger = ledger;
    }

    void render(StringBuilder out) {
        Snapshot snapshot = plane.current();
        credentialHealth(out, snapshot);
        quotas(out, snapshot);
    }

    private void credentialHealth(StringBuilder out, Snapshot snapshot) {
        Map<Long, String> kinds = new HashMap<>();
        for (var table : java.util.List.of(Schema.CREDENTIAL_STATUSES, Schema.CREDENTIAL_MODEL_STATUSES)) {
            for (Row status : store.list(table, Query.all())) {
                // an unhealthy edge, credential-wide or for one of its models, wins over a recovery
                kinds.merge(status.longValue("credential_id"), status.text("health_kind"),
                        (a, b) -> a.equals("recovered") ? b : a);
            }
        }
        Map<String, Long> counts = new TreeMap<>(Map.of("healthy", 0L));
        for (Row credential : snapshot.rows(Schema.CREDENTIALS)) {
            if (!credential.bool("enabled")) {
                continue;
            }
            String kind = kinds.getOrDefault(credential.requireId(), "healthy");
            counts.merge(kind.equals("recovered") ? "healthy" : kind, 1L, Long::sum);
        }
        out.append("# HELP gproxy_credential_health Enabled credentials by their last recorded health.\n")
                .append("# TYPE gproxy_credential_health gauge\n");
        counts.forEach((kind, n) -> out.append("gproxy_credential_health{health_kind=\"").append(Prometheus.escape(kind))
                .append("\"} ").append(n).append('\n'));
    }

    private void quotas(StringBuilder out, Snapshot snapshot) {
        StringBuilder total = new StringBuilder("# HELP gproxy_quota_total Quota limit (total window) in USD.\n"
                + "# TYPE gproxy_quota_total gauge\n");
        StringBuilder used = new StringBuilder("# HELP gproxy_quota_used Quota spend (total window) in USD.\n"
                + "# TYPE gproxy_quota_used gauge\n");
        for (Row quota : snapshot.rows(Schema.QUOTAS)) {
            String labels = "{scope=\"" + Prometheus.escape(quota.text("scope")) + "\",scope_id=\""
                    + quota.longValue("scope_id") + "\"} ";
            quota.optionalLong("quota_total").ifPresent(limit -> total.append("gproxy_quota_total").append(labels)
                    .append(Money.formatUsd(limit)).append('\n'));
            used.append("gproxy_quota_used").append(labels).append(Money.formatUsd(ledger.usedTotal(quota.requireId())))
                    .append('\n');
        }
        out.append(total).append(used);
    }
}
