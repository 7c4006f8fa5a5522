package gproxy.store;

import gproxy.error.GatewayException;

/**
 * The store failed for a reason that is not the caller's input: a bad DSN, an unreachable database,
 * a failed migration, an unexpected SQL error. Messages name the DSN only in its redacted form and
 * never carry values (rows may hold secrets). Input problems (unique keys, missing parents) are
 * plain {@link GatewayException}s 409/400/404 instead.
 */
public final class StoreException extends GatewayException {

    private StoreException(int status, String code, String message, Throwable cause) {
        super(status, code, message, cause);
    }

    /** The DSN cannot be used; {@code problem} says what was expected. */
    static StoreException badDsn(String redactedDsn, String problem) {
        return new StoreException(500, "invalid_dsn", "database dsn " + redactedDsn + ": " + problem, null);
    }

    /** The database cannot be reached (or refused the connection). */
    static StoreException unavailable(String message, Throwable cause) {
        return new StoreException(503, "store_unavailable", message, cause);
    }

    /** The schema cannot be brought to the version this build expects. */
    static StoreException migration(String message, Throwable cause) {
        return new StoreException(500, "store_migration_failed", message, cause);
    }

    /** Any other SQL failure: a bug or an operational problem, never the caller's input. */
    static StoreException failed(String message, Throwable cause) {
        return new StoreException(500, "store_error", message, cause);
    }
}
