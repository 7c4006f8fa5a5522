package gproxy.translate;

import java.util.function.Supplier;

/**
 * The stream side of a {@link Translation} for an operation that is never streamed (count tokens,
 * model lists, embeddings): the relay converts such answers whole, so asking for a stream converter
 * is a wiring error.
 */
public final class BufferedOnly {
    private BufferedOnly() {
    }

    public static Supplier<StreamTranslator> stream(String operation) {
        return () -> {
            throw new IllegalStateException(operation + " answers are one JSON body, never a stream");
        };
    }
}
