package gproxy.admin;

import java.util.Optional;

import gproxy.error.GatewayException;

/** Query parameters of admin and portal reads, checked with messages that name the parameter. */
final class Params {
    private static final int MAX_SHOWN = 64;

    private Params() {
    }

    static Optional<Long> number(Call call, String name) {
        return call.query(name).map(value -> parse(name, value));
    }

    static Optional<String> text(Call call, String name) {
        return call.query(name).filter(v -> !v.isEmpty());
    }

    /** An integer within {@code [min, max]}, or {@code fallback} when absent. */
    static long bounded(Call call, String name, long fallback, long min, long max) {
        long value = number(call, name).orElse(fallback);
        if (value < min || value > max) {
            throw GatewayException.invalid(name, value + " (expected: " + min + " to " + max + ")");
        }
        return value;
    }

    /** One of {@code allowed}, or {@code fallback} when absent. */
    static String oneOf(Call call, String name, String fallback, java.util.List<String> allowed) {
        String value = text(call, name).orElse(fallback);
        if (!allowed.contains(value)) {
            throw GatewayException.invalid(name, "\"" + clip(value) + "\" (expected one of " + allowed + ")");
        }
        return value;
    }

    private static long parse(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(name, "\"" + clip(value) + "\" (expected: an integer)");
        }
    }

    private static String clip(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
    }
}
