package gproxy.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Writes an upstream answer to the client as it arrives. Streams go out event by event, flushed per
 * event, holding at most one event in memory; buffered answers are copied through. A client that
 * hangs up makes a write throw, which ends the relay (the caller then closes the upstream
 * exchange, which stops the upstream read). An upstream that breaks mid-stream ends the client's
 * stream with one error event in the client's dialect, so SDKs raise instead of taking a cut answer
 * for a whole one.
 */
public final class Relay {
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

    private static boolean body(UpstreamExchange upstream, ServerResponse res, Observer observer) {
        upstream.headers().first(HeaderNames.CONTENT_LENGTH).ifPresent(n -> res.header(HeaderNames.CONTENT_LENGTH, n));
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        boolean kept = true;
        try (OutputStream out = res.outputStream()) {
            byte[] buffer = new byte[8192];
            for (int n = upstream.body().read(buffer); n >= 0; n = upstream.body().read(buffer)) {
                out.write(buffer, 0, n);
                kept = kept && seen.size() + n <= MAX_OBSERVED_BODY;
                if (kept) {
                    seen.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kept) {
            observer.body().accept(seen.toByteArray());
        }
        return true;
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
