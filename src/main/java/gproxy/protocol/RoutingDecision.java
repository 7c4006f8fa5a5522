package gproxy.protocol;

/**
 * What a provider does with one {@link OperationKey} (a {@code routing_rules} row, reference §5.3):
 * forward it as it is, convert it to another key and back, answer it from the gateway's own state,
 * or refuse it (the candidate is skipped; nothing left → 501).
 */
public sealed interface RoutingDecision {

    /** The {@code routing_rules.implementation} value. */
    String implementation();

    record Passthrough() implements RoutingDecision {
        @Override
        public String implementation() {
            return "passthrough";
        }
    }

    record TransformTo(OperationKey destination) implements RoutingDecision {
        @Override
        public String implementation() {
            return "transform_to";
        }
    }

    record Local() implements RoutingDecision {
        @Override
        public String implementation() {
            return "local";
        }
    }

    record Unsupported() implements RoutingDecision {
        @Override
        public String implementation() {
            return "unsupported";
        }
    }

    RoutingDecision PASSTHROUGH = new Passthrough();
    RoutingDecision LOCAL = new Local();
    RoutingDecision UNSUPPORTED = new Unsupported();

    static RoutingDecision transformTo(Operation operation, Kind kind) {
        return new TransformTo(OperationKey.of(operation, kind));
    }
}
