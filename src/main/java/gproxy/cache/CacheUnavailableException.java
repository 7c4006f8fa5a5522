package gproxy.cache;

import gproxy.error.GatewayException;

/** The cache backend cannot be reached; callers that need a limit must refuse (503). */
public final class CacheUnavailableException extends GatewayException {
    public CacheUnavailableException(String message, Throwable cause) {
        super(503, "counter_unavailable", message, cause);
    }
}
