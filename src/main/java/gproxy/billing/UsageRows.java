package gproxy.billing;

import java.util.HashMap;
import java.util.Map;

import gproxy.access.Caller;
import gproxy.store.Row;

/** The {@code usages} row of one settlement (features §8.2). */
final class UsageRows {
    private UsageRows() {
    }

    static Row of(Billing billing, Caller caller, UsageReport usage, long cost, Ended ended, long atSeconds) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_id", billing.requestId());
        row.put("at", atSeconds);
        billing.routeName().ifPresent(name -> row.put("route_name", name));
        row.put("provider_id", billing.providerId());
        row.put("credential_id", billing.credentialId());
        caller.user().orgId().ifPresent(id -> row.put("org_id", id));
        caller.user().teamId().ifPresent(id -> row.put("team_id", id));
        row.put("user_id", caller.user().id());
        row.put("user_key_id", caller.key().id());
        row.put("operation", billing.upstreamKey().operation().id());
        row.put("kind", billing.upstreamKey().kind().id());
        row.put("model", billing.upstreamModel());
        row.put("input_tokens", usage.inputTokens());
        row.put("output_tokens", usage.outputTokens());
        row.put("image_output_tokens", usage.imageOutputTokens());
        row.put("cache_read_tokens", usage.cacheReadTokens());
        row.put("cache_creation_5m_tokens", usage.cacheCreation5mTokens());
        row.put("cache_creation_30m_tokens", usage.cacheCreation30mTokens());
        row.put("cache_creation_1h_tokens", usage.cacheCreation1hTokens());
        row.put("cost", cost);
        row.put("latency_ms", billing.latency().toMillis());
        row.put("usage_source", usage.source().id());
        row.put("ended", ended.id());
        return Row.of(row);
    }
}
