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
 * @param clientModel  the model as the client named it (body or path), echoed in converted answers
 * @param usageInStream whether the client's stream is to carry usage (false only for an OpenAI Chat
 *                     client that did not ask for {@code stream_options.include_usage})
 */
public record Outbound(OperationKey key, byte[] body, Optional<String> bodyModel, Headers clientHeaders,
                       String clientModel, boolean usageInStream) {
}
