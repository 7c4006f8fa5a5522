package gproxy.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import gproxy.error.GatewayException;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;

/**
 * Writes an upstream answer to the client as it arrives. Streams go out event by event, flushed per
 * event, holding at most one event in memory; buffered answers are copied through, and one the
 * upstream breaks off midway drops the client's connection, never ending as if whole. A client that
 * hangs up makes a write throw, which ends the relay (the caller then closes the upstream
 * exchange, which stops the upstream read). An upstream that breaks mid-stream ends the client's
 * stream with one error event in the client's dialect, so SDKs raise instead of taking a cut answer
 * for a whole one.
 */
public final class Relay {
    private static final Logger LOG = System.getLogger(Relay.class.getName());
    private static final int BODY_BUFFER = 16 * 1024;
    private static final byte[] ARRAY_OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    /** How the client wants the answer framed. */
    public enum Framing {
        /** One body, as the upstream sent it. */
        BODY,
        /** Server-sent events, passed through byte for byte. */
        SSE,
        /** Gemini's {@code :streamGenerateContent} without {@code alt=sse}: one JSON array, element by element. */
        JSON_ARRAY
    }

    /** Buffered bodies up to this size are handed to the observer; a larger one is relayed unobserved. */
    static final int MAX_OBSERVED_BODY = 16 * 1024 * 1024;

    /**
     * What settlement sees of the answer as it passes: each upstream event before it is written ({@code false}
     * drops it from the client's stream), and a buffered body once it was relayed whole.
     */
    public record Observer(Predicate<SseEvent> event, Consumer<byte[]> body) {
        public static final Observer NONE = new Observer(e -> true, b -> { });
    }

    private Relay() {
    }

    public static void answer(UpstreamExchange upstream, Framing framing, Kind.Family dialect, ServerResponse res) {
        answer(upstream, framing, dialect, res, Observer.NONE);
    }

    /**
     * Relays the answer; true when it was relayed whole, false when the upstream broke, went idle or
     * cut it short (the client then got the dialect's error event). A client that hangs up throws.
     */
    public static boolean answer(UpstreamExchange upstream, Framing framing, Kind.Family dialect, ServerResponse res,
                                 Observer observer) {
        res.status(Status.create(upstream.status()));
        ResponseHeaders.copy(upstream.headers(), res);
        return switch (framing) {
            case BODY -> body(upstream, res, observer);
            case SSE -> events(upstream, dialect, res, observer);
            case JSON_ARRAY -> array(upstream, res, observer);
        };
    }

    public static void replay(Attempted.Replay replay, ServerResponse res) {
        res.status(Status.create(replay.status()));
        ResponseHeaders.copy(replay.headers(), res);
        res.send(replay.body());
    }

    /**
     * Copies a buffered answer, handing the observer a copy of up to {@link #MAX_OBSERVED_BODY}
     * bytes. An upstream that breaks off before the first byte is a 502; after it, the client's
     * connection is dropped: ending the response normally would hand the client a short body as if
     * it were whole (and, under a Content-Length, desynchronise its connection).
     */
    private static boolean body(UpstreamExchange upstream, ServerResponse res, Observer observer) {
        // a declared length up to the buffer's size is read into an array of that size, and observed without regrowing
        int declared = upstream.headers().first(HeaderNames.CONTENT_LENGTH).map(Relay::length).orElse(-1);
        byte[] buffer = new byte[declared > 0 && declared < BODY_BUFFER ? declared : BODY_BUFFER];
        int n;
        try {
            n = upstream.body().read(buffer);
        } catch (IOException e) {
            throw new GatewayException(502, "upstream_broken", "the upstream answer broke off before its body: "
                    + e.getMessage());
        }
        upstream.headers().first(HeaderNames.CONTENT_LENGTH).ifPresent(v -> res.header(HeaderNames.CONTENT_LENGTH, v));
        OutputStream out = res.outputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream(Math.max(32, Math.min(declared, BODY_BUFFER)));
        boolean kept = true;
        long copied = 0;
        try {
            while (n >= 0) {
                out.write(buffer, 0, n);
                kept = kept && seen.size() + n <= MAX_OBSERVED_BODY;
                if (kept) {
                    seen.write(buffer, 0, n);
                }
                copied += n;
                n = read(upstream, buffer, copied);
            }
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kept) {
            observer.body().accept(seen.toByteArray());
        }
        return true;
    }

    private static int length(String value) {
        try {
            long length = Long.parseLong(value.trim());
            return length < 0 || length > Integer.MAX_VALUE ? -1 : (int) length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int read(UpstreamExchange upstream, byte[] buffer, long copied) {
        try {
            return upstream.body().read(buffer);
        } catch (IOException e) {
            LOG.log(Level.INFO, () -> upstream.candidate() + ": answer broke off after " + copied
                    + " bytes; dropping the client connection (" + e.getMessage() + ")");
            throw new CloseConnectionException("upstream answer broke off after " + copied + " bytes", e);
        }
    }

    private static boolean events(UpstreamExchange upstream, Kind.Family dialect, ServerResponse res,
                                  Observer observer) {
        res.header(HeaderValues.CONTENT_TYPE_EVENT_STREAM).header(HeaderValues.CACHE_NO_CACHE)
                .header(HeaderNames.create("X-Accel-Buffering"), "no");
        Events events = new Events(upstream);
        try (OutputStream out = res.outputStream()) {
            for (Optional<SseEvent> event = events.next(); event.isPresent(); event = events.next()) {
                if (observer.event().test(event.get())) {
                    event.get().writeTo(out);
                    out.flush();
                }
            }
            if (events.broken()) {
                out.write(StreamErrors.sse(dialect));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return !events.broken();
    }

    private static boolean array(UpstreamExchange upstream, ServerResponse res, Observer observer) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        Events events = new Events(upstream);
        try (OutputStream out = res.outputStream()) {
            out.write(ARRAY_OPEN);
            boolean first = true;
            for (Optional<SseEvent> event = events.next(); event.isPresent(); event = events.next()) {
                if (!observer.event().test(event.get()) || !event.get().dispatchable() || event.get().data().isEmpty()) {
                    continue;
                }
                out.write(first ? new byte[0] : ARRAY_NEXT);
                out.write(event.get().dataText().getBytes(StandardCharsets.UTF_8));
                out.flush();
                first = false;
            }
            if (events.broken()) {
                out.write(first ? new byte[0] : ARRAY_NEXT);
                out.write(StreamErrors.json(Kind.Family.GEMINI));
            }
            out.write(ARRAY_CLOSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return !events.broken();
    }

    /**
     * The upstream's events. A failed read ends them and marks them broken, so a client-side failure
     * (a write that throws) is never mistaken for an upstream one. The reader is not closed here:
     * closing the exchange drops the connection, while closing its stream could wait for the rest.
     */
    private static final class Events {
        private final SseReader reader;
        private boolean broken;

        Events(UpstreamExchange upstream) {
            this.reader = new SseReader(upstream.body());
        }

        Optional<SseEvent> next() {
            try {
                return reader.next();
            } catch (IOException | RuntimeException e) {
                // Helidon's client reports an upstream connection cut mid-chunk with an unchecked
                // exception, not an IOException; either way the upstream broke
                broken = true;
                return Optional.empty();
            }
        }

        boolean broken() {
            return broken || reader.truncated();
        }
    }
}
