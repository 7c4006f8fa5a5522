package gproxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.access.QuotaPending;
import gproxy.json.Json;
import gproxy.store.Money;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * {@code GET /admin/quota-pending}: per quota row, what admitted requests of its scope have reserved
 * and not settled yet ({@code pending}, USD), beside the spend the quota rows themselves carry. Read
 * from the cache backend, so with Redis it is every instance's in-flight spend.
 */
final class QuotaPendingResource {
    private final Store store;
    private final QuotaPending pending;

    QuotaPendingResource(Store store, QuotaPending pending) {
        this.store = store;
        this.pending = pending;
    }

    Reply list(Call call) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Row quota : store.list(Schema.QUOTAS, Query.all())) {
            String scope = quota.text("scope");
            long scopeId = quota.longValue("scope_id");
            long nanos = pending.of(scope, scopeId).orElse(0L);
            out.addObject().put("quota_id", quota.requireId()).put("scope", scope).put("scope_id", scopeId)
                    .put("pending", Money.formatUsd(nanos));
        }
        return Reply.json(out);
    }
}
