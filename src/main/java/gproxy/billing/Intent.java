package gproxy.billing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import gproxy.access.Caller;
import gproxy.protocol.OperationKey;
import gproxy.store.Row;

/**
 * What a request about to call an upstream owes if nothing more is ever learnt about it (DESIGN §4.1):
 * its caller, its first candidate and the admission estimate. Written durably before the upstream
 * call; a process killed before settlement leaves it behind for {@link Reconciliation}.
 *
 * @param estimatedInputTokens the body's characters: the unit the admission estimate prices
 * @param estimateNanos        the admission pre-charge
 */
public record Intent(String requestId, Caller caller, Optional<String> routeName, OperationKey key, long providerId,
                     long credentialId, String model, long estimatedInputTokens, long estimateNanos) {

    Row row(long instanceId, long atSeconds) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_id", requestId);
        row.put("instance_id", instanceId);
        row.put("at", atSeconds);
        row.put("user_id", caller.user().id());
        row.put("user_key_id", caller.key().id());
        caller.user().orgId().ifPresent(id -> row.put("org_id", id));
        caller.user().teamId().ifPresent(id -> row.put("team_id", id));
        row.put("provider_id", providerId);
        row.put("credential_id", credentialId);
        routeName.ifPresent(name -> row.put("route_name", name));
        row.put("operation", key.operation().id());
        row.put("kind", key.kind().id());
        row.put("model", model);
        row.put("estimated_input_tokens", estimatedInputTokens);
        row.put("estimate_nanos", estimateNanos);
        return Row.of(row);
    }
}
