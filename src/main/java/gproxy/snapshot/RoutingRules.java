package gproxy.snapshot;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import gproxy.store.Row;

/**
 * {@code routing_rules} rows → per-provider {@code (operation, kind) → decision} (reference §5.3).
 * Disabled rows are ignored. Rows naming an operation or kind this build does not know (v2 seeds
 * cells for speech, rerank, video…) are ignored too, and reported in one line per build.
 */
final class RoutingRules {
    private static final Logger LOG = System.getLogger(RoutingRules.class.getName());

    private RoutingRules() {
    }

    static Map<Long, Map<OperationKey, RoutingDecision>> byProvider(List<Row> rows) {
        Map<Long, Map<OperationKey, RoutingDecision>> out = new HashMap<>();
        List<Long> ignored = new ArrayList<>();
        for (Row r : rows) {
            if (!r.bool("enabled")) {
                continue;
            }
            Optional<Operation> op = Operation.of(r.text("operation"));
            Optional<Kind> kind = Kind.of(r.text("kind"));
            Optional<RoutingDecision> decision = op.isPresent() ? decision(r, op.get()) : Optional.empty();
            if (kind.isEmpty() || decision.isEmpty()) {
                ignored.add(r.id().orElse(0L));
                continue;
            }
            out.computeIfAbsent(r.longValue("provider_id"), k -> new HashMap<>())
                    .put(OperationKey.of(op.get(), kind.get()), decision.get());
        }
        if (!ignored.isEmpty()) {
            LOG.log(Level.INFO, "routing_rules: ignored " + ignored.size()
                    + " row(s) with an operation, kind or implementation this build does not know: ids " + ignored);
        }
        return out;
    }

    /** Empty for an unknown implementation or destination id. */
    private static Optional<RoutingDecision> decision(Row r, Operation op) {
        return switch (r.text("implementation")) {
            case "passthrough" -> Optional.of(RoutingDecision.PASSTHROUGH);
            case "local" -> Optional.of(RoutingDecision.LOCAL);
            case "unsupported" -> Optional.of(RoutingDecision.UNSUPPORTED);
            case "transform_to" -> transform(r, op);
            default -> Optional.empty();
        };
    }

    private static Optional<RoutingDecision> transform(Row r, Operation op) {
        // v2: a transform without dest_kind counts as unsupported; dest_operation defaults to the same.
        Optional<String> destKind = r.optionalText("dest_kind").filter(s -> !s.isBlank());
        if (destKind.isEmpty()) {
            return Optional.of(RoutingDecision.UNSUPPORTED);
        }
        Optional<Kind> kind = Kind.of(destKind.get());
        Optional<Operation> destOp = r.optionalText("dest_operation").filter(s -> !s.isBlank())
                .map(Operation::of).orElse(Optional.of(op));
        if (kind.isEmpty() || destOp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RoutingDecision.transformTo(destOp.get(), kind.get()));
    }
}
