package gproxy.engine;

import java.util.Optional;

import gproxy.error.GatewayException;
import io.helidon.http.Headers;

/**
 * How the attempt loop ended. Must be closed: an {@link Answer} holds an open upstream exchange.
 */
public sealed interface Attempted extends AutoCloseable {

    @Override
    default void close() {
    }

    /**
     * A 2xx whose body is still to be read from the upstream, event by event; converted back into
     * the client's dialect on the way when the candidate was reached through a {@link Conversion};
     * a whole answer to be streamed to the client when there is a {@link Synthesis}.
     */
    record Answer(UpstreamExchange exchange, Optional<Conversion> conversion, Optional<Synthesis> synthesis)
            implements Attempted {
        @Override
        public void close() {
            exchange.close();
        }
    }

    /**
     * An upstream answer read whole, to pass on as it is: the client's own 4xx, or a final 429 with
     * its {@code Retry-After}.
     */
    record Replay(Candidate candidate, int status, Headers headers, byte[] body, Optional<Conversion> conversion)
            implements Attempted {
    }

    /** Nothing to pass on: the gateway answers with its own error in the client's dialect. */
    record Failed(GatewayException error) implements Attempted {
    }
}
