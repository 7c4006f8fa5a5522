package gproxy.engine;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/**
 * One edge of a credential's health (features §5.6), shaped for the status tables: a breaker opened,
 * a breaker closed or a cooldown ran out, a rate-limit or dead-auth cooldown began or was pushed
 * later. Member breakers are not persisted and emit nothing.
 *
 * @param model      the upstream model for {@code credential_model_statuses}; empty for the
 *                   credential-wide {@code credential_statuses}
 * @param openUntil  when the breaker or cooldown ends; empty for a recovery
 * @param reason     a short human reason, never upstream text
 */
public record HealthTransition(long credentialId, Optional<String> model, Kind kind, State state,
                               Optional<Instant> openUntil, int consecutiveFailures, String reason, Instant at) {

    /** {@code health_kind}. */
    public enum Kind {
        BREAKER("breaker"), RECOVERED("recovered"), RATE_LIMITED("rate_limited"), AUTH_DEAD("auth_dead");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** {@code health_json.state}. */
    public enum State {
        OPEN("open"), CLOSED("closed"), COOLDOWN("cooldown");

        private final String id;

        State(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** {@code health_json}: {@code state}, {@code open_until} (unix seconds), {@code consecutive_failures}, {@code reason}. */
    public ObjectNode healthJson() {
        ObjectNode json = Json.object().put("state", state.id());
        openUntil.ifPresent(t -> json.put("open_until", t.getEpochSecond()));
        return json.put("consecutive_failures", consecutiveFailures).put("reason", reason);
    }
}
