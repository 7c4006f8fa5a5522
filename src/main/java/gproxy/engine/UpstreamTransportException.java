package gproxy.engine;

/**
 * No upstream response: connection refused or reset, TLS failure, connect or read timeout. Treated
 * as a transient failure of the candidate. The message names the host only, never the URL's query
 * (some channels carry keys there).
 */
final class UpstreamTransportException extends RuntimeException {
    UpstreamTransportException(String host, Throwable cause) {
        super("upstream " + host + " unreachable: " + cause.getClass().getSimpleName(), cause);
    }
}
