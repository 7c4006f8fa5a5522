package gproxy.config;

import gproxy.error.GatewayException;

/**
 * A process setting that cannot be used. The message names the key as the user wrote it (flag,
 * environment variable or YAML key), the offending value unless it is a secret, and what was
 * expected: {@code "server.port: 99999 (expected: 0..65535)"}. It is thrown before the listener
 * binds, so no client sees it; the status and code exist because it is one of the gateway's errors,
 * should an embedder render it.
 */
public final class ConfigException extends GatewayException {
    private final String key;

    public ConfigException(String key, String message) {
        super(500, "invalid_config", message);
        this.key = key;
    }

    /** The flag, environment variable or YAML key at fault, as the user wrote it. */
    public String key() {
        return key;
    }
}
