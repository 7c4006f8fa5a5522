package gproxy.admin;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import gproxy.error.GatewayException;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.store.Row;

/**
 * What a {@code routing_rules} row written through the admin API must name (reference §5.3): an
 * operation and a kind this build knows, and for {@code transform_to} a known {@code dest_kind}
 * (without one v2 silently treats the row as unsupported; here it is a 400 instead). A value an
 * update leaves as it was stored is not judged again, so rows imported from a newer v2 (speech,
 * rerank…) can still be disabled.
 */
final class RoutingRuleChecks {
    private RoutingRuleChecks() {
    }

    static Validator rule() {
        return Checks.oneOf("implementation", "passthrough", "transform_to", "local", "unsupported")
                .and((row, existing, tx) -> {
                    known(row, existing, "operation", Operation::of, Operation.values(), Operation::id);
                    known(row, existing, "kind", Kind::of, Kind.values(), Kind::id);
                    destination(row, existing);
                });
    }

    private static void destination(Row row, Optional<Row> existing) {
        if (!row.optionalText("implementation").orElse("").equals("transform_to")
                || unchanged(row, existing, "implementation") && unchanged(row, existing, "dest_kind")) {
            return;
        }
        if (row.optionalText("dest_kind").filter(s -> !s.isBlank()).isEmpty()) {
            throw GatewayException.invalid("dest_kind", "is required for transform_to (expected: one of "
                    + ids(Kind.values(), Kind::id) + ")");
        }
        known(row, existing, "dest_kind", Kind::of, Kind.values(), Kind::id);
        known(row, existing, "dest_operation", Operation::of, Operation.values(), Operation::id);
    }

    private static <T> void known(Row row, Optional<Row> existing, String column, Function<String, Optional<T>> of,
                                  T[] values, Function<T, String> id) {
        Optional<String> value = row.optionalText(column).filter(s -> !s.isBlank());
        if (value.isEmpty() || unchanged(row, existing, column) || of.apply(value.get()).isPresent()) {
            return;
        }
        throw GatewayException.invalid(column, Checks.quoted(value.get()) + " is not known to this build (expected: "
                + "one of " + ids(values, id) + ")");
    }

    private static boolean unchanged(Row row, Optional<Row> existing, String column) {
        return existing.map(old -> Objects.equals(old.get(column), row.get(column))).orElse(false);
    }

    private static <T> String ids(T[] values, Function<T, String> id) {
        return Arrays.stream(values).map(id).collect(Collectors.joining(", "));
    }
}
