package gproxy.translate;

import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.protocol.OperationKey;
import gproxy.translate.embeddings.EmbeddingTranslations;
import gproxy.translate.models.ModelTranslations;
import gproxy.translate.tokens.CountTokensTranslations;

/**
 * The registry of conversions this build can make for one request, by operation: content generation
 * between the four content dialects ({@link Translations}), and count tokens, model list/get and
 * embeddings between the vendor families. Ask once per request: embedding converters carry the
 * request's shape over to its answer.
 */
public final class OperationTranslations {
    private OperationTranslations() {
    }

    /** Converting {@code client} into {@code upstream}; empty when they differ in operation or cannot convert. */
    public static Optional<Translation> find(OperationKey client, OperationKey upstream) {
        if (client.operation() != upstream.operation() || client.kind().content() != upstream.kind().content()) {
            return Optional.empty();
        }
        Kind from = client.kind();
        Kind to = upstream.kind();
        return switch (client.operation()) {
            case GENERATE_CONTENT, STREAM_GENERATE_CONTENT -> Translations.find(from, to);
            case COUNT_TOKENS -> CountTokensTranslations.find(from, to);
            case LIST_MODELS, GET_MODEL -> ModelTranslations.find(client.operation(), from, to);
            case CREATE_EMBEDDING -> EmbeddingTranslations.find(from, to);
            case CREATE_IMAGE -> Optional.empty();
        };
    }
}
