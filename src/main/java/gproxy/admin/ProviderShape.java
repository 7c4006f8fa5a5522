package gproxy.admin;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.store.Row;
import gproxy.store.Table;

/**
 * Providers: creating one also inserts its channel's default routing rules, in the same
 * transaction as the provider row, so a new provider is routable at the first snapshot that shows
 * it (reference §3.2). Updates leave the rules alone; {@code routing-rules/reset} recomputes them.
 */
final class ProviderShape implements RecordShape {

    @Override
    public Staged stage(Table table, JsonNode body, Row parsed, Optional<Row> existing) {
        if (existing.isPresent()) {
            return RecordShape.super.stage(table, body, parsed, existing);
        }
        return new Staged(parsed, (tx, saved) -> {
            RoutingRuleSeeds.seed(tx, saved);
            return view(table, saved);
        });
    }
}
