package gproxy.translate.embeddings;

import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.translate.BufferedOnly;
import gproxy.translate.Translation;

/**
 * Embeddings between OpenAI {@code /v1/embeddings} and Gemini {@code :embedContent} /
 * {@code :batchEmbedContents} (features §4.5). Unlike the other converters these are made per
 * request: the answer's shape depends on the request (OpenAI's {@code encoding_format}; one Gemini
 * embedding or a batch), so the request converter leaves what it read for the response converter of
 * the same {@link Translation}. Ask {@link #find} once per request.
 */
public final class EmbeddingTranslations {
    private EmbeddingTranslations() {
    }

    public static Optional<Translation> find(Kind from, Kind to) {
        if (from == Kind.OPENAI && to == Kind.GEMINI) {
            OpenAiToGeminiEmbeddings pair = new OpenAiToGeminiEmbeddings();
            return Optional.of(new Translation(from, to, pair::request, pair::response,
                    BufferedOnly.stream("embeddings")));
        }
        if (from == Kind.GEMINI && to == Kind.OPENAI) {
            GeminiToOpenAiEmbeddings pair = new GeminiToOpenAiEmbeddings();
            return Optional.of(new Translation(from, to, pair::request, pair::response,
                    BufferedOnly.stream("embeddings")));
        }
        return Optional.empty();
    }
}
