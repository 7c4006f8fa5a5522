package gproxy.translate;

import java.util.Objects;
import java.util.Optional;

/**
 * What a converter may need beyond the body it converts.
 *
 * @param upstreamModel  the model id the upstream will be asked for (written into the converted
 *                       request where the target dialect carries the model in the body)
 * @param clientModel    the model name the client used, echoed back in converted responses
 * @param stream         whether the client asked for a streamed answer
 * @param promptCacheKey a key to set when converting into OpenAI (reference §4.5), when derivable
 */
public record TranslationContext(String upstreamModel, String clientModel, boolean stream,
                                 Optional<String> promptCacheKey) {
    public TranslationContext {
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        Objects.requireNonNull(clientModel, "clientModel");
        Objects.requireNonNull(promptCacheKey, "promptCacheKey");
    }
}
