package gproxy.engine;

/**
 * What one breaker or cooldown covers (features §5.6): a route member, a whole credential (touched
 * only by credential-targeted operations: refresh, model list, usage), or a credential serving one
 * exact upstream model. Model state is never promoted to the credential.
 */
sealed interface HealthScope {

    static HealthScope forModel(long credentialId, String model) {
        return model.isEmpty() ? new Credential(credentialId) : new Model(credentialId, model);
    }

    /** Whether this scope belongs to the credential (member scopes belong to none). */
    boolean covers(long credentialId);

    record Member(long memberId) implements HealthScope {
        @Override
        public boolean covers(long credentialId) {
            return false;
        }
    }

    record Credential(long credentialId) implements HealthScope {
        @Override
        public boolean covers(long id) {
            return credentialId == id;
        }
    }

    record Model(long credentialId, String model) implements HealthScope {
        @Override
        public boolean covers(long id) {
            return credentialId == id;
        }
    }
}
