package gproxy.engine;

/**
 * Receives health edges, e.g. to persist them into {@code credential_statuses} /
 * {@code credential_model_statuses}. Called on the request thread: hand the event to a queue and
 * return; an exception is logged and dropped.
 */
@FunctionalInterface
public interface HealthListener {

    HealthListener NONE = transition -> { };

    void onTransition(HealthTransition transition);
}
