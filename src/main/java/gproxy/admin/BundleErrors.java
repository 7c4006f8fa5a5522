package gproxy.admin;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;

/**
 * Puts a bundle location in front of an error raised while reading or storing one record, so the
 * operator sees {@code credentials[3].weight: "x" (expected: an integer)} instead of a bare field.
 */
final class BundleErrors {

    private BundleErrors() {
    }

    /** {@code where} is {@code array[index]}; the result keeps the original status and code. */
    static GatewayException at(String where, RuntimeException error) {
        if (error instanceof InvalidInputException invalid && invalid.status() == 400) {
            return GatewayException.invalid(where + "." + invalid.field(), problem(invalid));
        }
        if (error instanceof InvalidInputException invalid && invalid.status() == 409) {
            return GatewayException.conflict(where + "." + invalid.field(), problem(invalid));
        }
        if (error instanceof GatewayException gateway) {
            return new GatewayException(gateway.status(), gateway.code(), where + ": " + gateway.getMessage(), gateway);
        }
        return GatewayException.internal(where + ": could not be stored (" + error.getClass().getSimpleName() + ")",
                error);
    }

    /** The message of an {@link InvalidInputException} without its {@code "field: "} prefix. */
    private static String problem(InvalidInputException invalid) {
        String message = invalid.getMessage();
        String prefix = invalid.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
