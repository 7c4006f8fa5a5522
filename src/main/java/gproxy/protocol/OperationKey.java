package gproxy.protocol;

import java.util.Objects;

/** {@code (operation, kind)}: the key of routing rules and of translators. */
public record OperationKey(Operation operation, Kind kind) {
    public OperationKey {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
    }

    public static OperationKey of(Operation operation, Kind kind) {
        return new OperationKey(operation, kind);
    }

    @Override
    public String toString() {
        return operation.id() + "/" + kind.id();
    }
}
