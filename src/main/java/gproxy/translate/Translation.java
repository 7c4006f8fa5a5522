package gproxy.translate;

import java.util.function.Supplier;

import gproxy.protocol.Kind;

/**
 * The converters of one ordered pair of content dialects for content generation: the client's
 * request into the upstream's dialect, and the upstream's answer (whole or streamed) back into the
 * client's. {@code streamConverter} makes the pair's bare event converter; a relay opens a stream
 * with {@link #stream(TranslationContext)}. Pure functions over bytes; errors in a client body are {@code GatewayException} 400s
 * naming the field, never echoing content.
 */
public record Translation(Kind from, Kind to, RequestTranslator request, ResponseTranslator response,
                          Supplier<StreamTranslator> streamConverter) {

    /**
     * The translator of one client stream: the pair's event converter (which names the upstream's
     * model and carries every usage it is given) under the client's view of {@code context}, see
     * {@link ClientEvents}.
     */
    public StreamTranslator stream(TranslationContext context) {
        return new ClientEvents(streamConverter.get(), from, context);
    }

    /** Client request body ({@code from}) → upstream request body ({@code to}). */
    @FunctionalInterface
    public interface RequestTranslator {
        byte[] translate(byte[] clientBody, TranslationContext context);
    }

    /** Upstream response body ({@code to}) → client response body ({@code from}). */
    @FunctionalInterface
    public interface ResponseTranslator {
        byte[] translate(byte[] upstreamBody, TranslationContext context);
    }
}
