package gproxy.translate;

import java.util.Objects;
import java.util.Optional;

/**
 * What a converter may need beyond the body it converts.
 *
 * @param upstreamModel  the model id the upstream will be asked for (written into the converted
 *                       request where the target dialect carries the model in the body)
 * @param clientModel    the model name the client used, echoed back in converted responses and
 *                       streams
 * @param stream         whether the upstream is asked for a streamed answer
 * @param promptCacheKey a key to set when converting into OpenAI (reference §4.5), when derivable
 * @param includeUsage   whether the client's stream carries usage: false only for an OpenAI Chat
 *                       client that did not ask ({@code stream_options.include_usage}); the gateway
 *                       asks the upstream for usage either way, to bill it
 */
public record TranslationContext(String upstreamModel, String clientModel, boolean stream,
                                 Optional<String> promptCacheKey, boolean includeUsage) {
    public TranslationContext {
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(clientModel, "clientModel");
        Objects.requireNonNull(promptCacheKey, "promptCacheKey");
    }

    /** A context whose client takes usage in its stream (every client but a Chat one that did not ask). */
    public TranslationContext(String upstreamModel, String clientModel, boolean stream,
                              Optional<String> promptCacheKey) {
        this(upstreamModel, clientModel, stream, promptCacheKey, true);
    }

    /** The same context for an upstream asked for a whole answer (a stream synthesised from it). */
    public TranslationContext buffered() {
        return new TranslationContext(upstreamModel, clientModel, false, promptCacheKey, includeUsage);
    }
}
