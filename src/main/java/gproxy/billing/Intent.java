package gproxy.billing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import gproxy.access.Caller;
import gproxy.access.Hold;
import gproxy.protocol.OperationKey;
import gproxy.store.Row;

/**
 * What a request about to call an upstream owes if nothing more is ever learnt about it (DESIGN §4.1):
 * its caller, its first candidate and the admission estimate. Written durably before the upstream
 * call; a process killed before settlement leaves it behind for {@link Reconciliation}.
 *
 * @param estimatedInputTokens the body's characters: the unit the admission estimate prices
 * @param estimateNanos        the admission pre-charge
 * @param hold                 the pending quota the admission holds for it, released at start if it is left behind
 */
public record Intent(String requestId, Caller caller, Optional<String> routeName, OperationKey key, long providerId,
                     long credentialId, String model, long estimatedInputTokens, long estimateNanos,
                     Optional<Hold> hold) {

    /** An intent that holds no pending quota. */
    public Intent(String requestId, Caller caller, Optional<String> routeName, OperationKey key, long providerId,
                  long credentialId, String model, long estimatedInputTokens, long estimateNanos) {
        this(requestId, caller, routeName, key, providerId, credentialId, model, estimatedInputTokens, estimateNanos,
                Optional.empty());
    }

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
        hold.ifPresent(h -> row.put("pending_quota", h.encode()));
        return Row.of(row);
    }
}
