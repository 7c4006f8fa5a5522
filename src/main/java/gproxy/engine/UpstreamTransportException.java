package gproxy.engine;

/**
 * No upstream response: connection refused or reset, TLS failure, connect or read timeout. Treated
 * as a transient failure of the candidate. The message names the host only, never the URL's query
 * (some channels carry keys there).
 */
final class UpstreamTransportException extends RuntimeException {
    private static final int MAX_DETAIL = 160;

    UpstreamTransportException(String host, Throwable cause) {
        super("upstream " + host + " unreachable: " + describe(cause), cause);
    }

    /**
     * The failure's type and the first line of its message: enough to tell a reset from a client
     * state error. Messages of socket and client errors name hosts and states, not request URLs.
     */
    private static String describe(Throwable cause) {
        Throwable root = cause.getCause() != null && cause.getMessage() == null ? cause.getCause() : cause;
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        message = message.replaceAll("[?][^\\s]*", "?…");
        if (message.length() > MAX_DETAIL) {
            message = message.substring(0, MAX_DETAIL) + "…";
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : " (" + message + ")");
    }
}
