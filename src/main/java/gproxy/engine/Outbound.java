package gproxy.engine;

import java.util.Optional;

import gproxy.protocol.OperationKey;
import gproxy.protocol.PeekedBody;
import io.helidon.http.Headers;

/**
 * What every attempt of one request sends, before the per-candidate model rewrite.
 *
 * @param key          the client's operation and dialect
 * @param request      the body as sent upstream and its peek (where its model sits); shared by all
 *                     attempts, never modified
 * @param clientHeaders the client's headers; channels forward an allow-list only
 * @param clientModel  the model as the client named it (body or path), echoed in converted answers
 * @param usageInStream whether the client's stream is to carry usage (false only for an OpenAI Chat
 *                     client that did not ask for {@code stream_options.include_usage})
 */
public record Outbound(OperationKey key, PeekedBody request, Headers clientHeaders, String clientModel,
                       boolean usageInStream) {

    /** The body as sent upstream, before the model rewrite. */
    public byte[] body() {
        return request.bytes();
    }

    /** The top-level {@code model} of the body, when it has one (not Gemini). */
    public Optional<String> bodyModel() {
        return request.peek().model();
    }
}
