package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import gproxy.store.Column;
import gproxy.store.Schema;
import gproxy.store.Table;

class BundleFormatTest {

    @Test
    void everyReferenceColumnOfABundleArrayPointsAtATableImportedBeforeIt() {
        List<Table> arrays = BundleFormat.ARRAYS;
        for (Table table : arrays) {
            for (Column column : table.columns()) {
                if (column.type() != Column.Type.REF) {
                    continue;
                }
                List<Table> parents = column.name().equals(BundleFormat.SCOPE_ID)
                        ? List.copyOf(BundleFormat.SCOPES.values())
                        : List.of(BundleFormat.PARENTS.get(column.name()));
                assertThat(parents).as(table.name() + "." + column.name()).doesNotContainNull();
                for (Table parent : parents) {
                    assertThat(arrays.indexOf(parent)).as(table.name() + "." + column.name() + " → " + parent.name())
                            .isBetween(0, arrays.indexOf(table) - 1);
                }
            }
        }
    }

    @Test
    void arraysFollowTheV2BundleOrderAndLeaveOutUsageLogAndStatusTables() {
        assertThat(BundleFormat.ARRAYS).extracting(Table::name).containsExactly(
                "orgs", "teams", "users", "user_keys", "route_permissions", "rate_limits", "quotas", "providers",
                "credentials", "provider_models", "price_rules", "routes", "route_members", "aliases",
                "routing_rules", "rule_sets", "rules", "provider_rule_sets", "instance_settings");
        assertThat(BundleFormat.ARRAYS).doesNotContain(Schema.USAGES, Schema.USAGE_ROLLUPS, Schema.AUDIT_LOGS,
                Schema.DOWNSTREAM_REQUESTS, Schema.UPSTREAM_REQUESTS, Schema.CREDENTIAL_STATUSES,
                Schema.CREDENTIAL_MODEL_STATUSES, Schema.TOKENIZER_VOCABS);
    }
}
