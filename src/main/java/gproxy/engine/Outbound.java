package gproxy.engine;

import java.util.Optional;

import gproxy.protocol.OperationKey;
import io.helidon.http.Headers;

/**
 * What every attempt of one request sends, before the per-candidate model rewrite.
 *
 * @param key          the client's operation and dialect
 * @param body         the client's body, untouched; shared by all attempts, never modified
 * @param bodyModel    the top-level {@code model} of the body, when it has one (not Gemini)
 * @param clientHeaders the client's headers; channels forward an allow-list only
 */
public record Outbound(OperationKey key, byte[] body, Optional<String> bodyModel, Headers clientHeaders) {
}
