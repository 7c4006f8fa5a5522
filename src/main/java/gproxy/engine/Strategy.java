package gproxy.engine;

import java.util.Optional;

/** {@code routes.strategy} (features §5.3): how the primary (lowest healthy tier) group is ordered. */
enum Strategy {
    FAILOVER, ROUND_ROBIN, WEIGHTED, LEAST_LATENCY;

    static Optional<Strategy> of(String id) {
        return switch (id) {
            case "failover" -> Optional.of(FAILOVER);
            case "round_robin" -> Optional.of(ROUND_ROBIN);
            case "weighted" -> Optional.of(WEIGHTED);
            case "least_latency" -> Optional.of(LEAST_LATENCY);
            default -> Optional.empty();
        };
    }
}
