package gproxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;

/** {@code POST /admin/providers/{pid}/routing-rules/reset}: the channel's defaults back in their cells. */
final class RoutingRuleResource {
    private final ConfigWriter writer;

    RoutingRuleResource(ConfigWriter writer) {
        this.writer = writer;
    }

    /** Answers every routing rule of the provider after the reset, the untouched extra rows included. */
    Reply reset(Call call) {
        long pid = call.id("pid");
        ArrayNode rows = writer.write(tx -> {
            Row provider = tx.find(Schema.PROVIDERS, pid)
                    .orElseThrow(() -> GatewayException.notFound("providers " + pid));
            RoutingRuleSeeds.reset(tx, provider);
            ArrayNode out = Json.MAPPER.createArrayNode();
            tx.list(Schema.ROUTING_RULES, Query.where("provider_id", pid))
                    .forEach(row -> out.add(RecordShape.PLAIN.view(Schema.ROUTING_RULES, row)));
            return out;
        });
        return Reply.json(rows);
    }
}
