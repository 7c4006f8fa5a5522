package gproxy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.translate.synthetic.SyntheticStreams;

/**
 * Relays a whole upstream answer to a streaming client as a stream (reference §5.3): the body is
 * read whole (bounded) while the {@link Keepalive} goes on, the observer sees it as the upstream
 * sent it (usage is read there), it is converted to the client's dialect when the route converts,
 * and the client gets the events its dialect's stream would have carried. An upstream that breaks
 * off, or whose answer cannot be read, ends the stream with the dialect's error event.
 */
public final class SynthesizingRelay {
    private static final Logger LOG = System.getLogger(SynthesizingRelay.class.getName());
    /** A whole answer is held in memory once; larger ones are refused rather than cut. */
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private SynthesizingRelay() {
    }

    /** Relays; true when the client's stream went out whole. A client that hangs up throws. */
    public static boolean answer(UpstreamExchange upstream, Optional<Conversion> conversion, Synthesis synthesis,
                                 Kind client, ClientOutput output, Keepalive keepalive, Relay.Observer observer) {
        Optional<byte[]> body = read(upstream);
        keepalive.stop();
        if (body.isEmpty()) {
            output.broken();
            output.close();
            return false;
        }
        List<SseEvent> events;
        try {
            observer.body().accept(body.get());
            byte[] whole = conversion.map(c -> c.translation().response().translate(body.get(), c.context()))
                    .orElse(body.get());
            events = SyntheticStreams.of(client, whole, synthesis.context());
        } catch (RuntimeException e) {
            // a converter's or synthesiser's refusal: the upstream's answer was not what its dialect promises
            LOG.log(Level.INFO, () -> upstream.candidate() + ": whole answer not synthesisable: " + e.getMessage());
            output.error(502, e.getMessage());
            output.close();
            return false;
        }
        output.write(events);
        output.close();
        return true;
    }

    private static Optional<byte[]> read(UpstreamExchange upstream) {
        try (InputStream in = upstream.body()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? Optional.empty() : Optional.of(body);
        } catch (IOException | RuntimeException e) {
            // Helidon's client reports a connection cut mid-body unchecked; either way the upstream broke
            LOG.log(Level.INFO, () -> upstream.candidate() + ": whole answer broke off: " + e.getMessage());
            return Optional.empty();
        }
    }
}
