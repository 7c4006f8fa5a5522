package gproxy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import gproxy.translate.StreamTranslator;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@link Relay} for a candidate reached through a {@link Conversion}: the upstream's answer is
 * converted back into the client's dialect. A whole answer is read (bounded), converted and sent;
 * a stream is converted event by event — each upstream event yields the client events its
 * converter emits, flushed at once — so conversion never buffers a stream.
 */
public final class ConvertingRelay {
    /** A converted whole answer is held in memory once; larger ones are refused rather than cut. */
    private static final int MAX_CONVERTED_BODY = 64 * 1024 * 1024;
    private static final byte[] ARRAY_OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_CLOSE = "]".getBytes(StandardCharsets.US_ASCII);

    private ConvertingRelay() {
    }

    /**
     * Relays and converts; returns whether the answer went out whole. {@code observer} sees the
     * upstream's events and body as they are (usage is read in the upstream's dialect); every
     * upstream event goes to the converter, whatever the observer says about forwarding it.
     */
    public static boolean answer(UpstreamExchange upstream, Conversion conversion, Relay.Framing framing,
                                 Kind.Family dialect, ServerResponse res, Relay.Observer observer) {
        res.status(Status.OK_200);
        return switch (framing) {
            case BODY -> body(upstream, conversion, res, observer);
            case SSE -> events(upstream, conversion, dialect, res, false, observer);
            case JSON_ARRAY -> events(upstream, conversion, dialect, res, true, observer);
        };
    }

    /**
     * An upstream error of a converted candidate, in the client's dialect: the status is kept, the
     * message is the upstream's own ({@code error.message} has the same place in all three vendor
     * envelopes), and a 429's {@code Retry-After} goes along.
     */
    public static GatewayException replay(Attempted.Replay replay, ServerResponse res) {
        replay.headers().first(HeaderNames.RETRY_AFTER).ifPresent(v -> res.header(HeaderNames.RETRY_AFTER, v));
        String message = "upstream answered " + replay.status();
        try {
            JsonNode error = Json.MAPPER.readTree(replay.body()).path("error");
            JsonNode text = error.isTextual() ? error : error.path("message");
            if (text.isTextual() && !text.textValue().isBlank()) {
                message = text.textValue();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        return new GatewayException(replay.status(), "upstream_error", message);
    }

    private static boolean body(UpstreamExchange upstream, Conversion conversion, ServerResponse res,
                                Relay.Observer observer) {
        byte[] upstreamBody;
        try (InputStream in = upstream.body()) {
            upstreamBody = in.readNBytes(MAX_CONVERTED_BODY + 1);
        } catch (IOException e) {
            throw new GatewayException(502, "upstream_error", "upstream answer could not be read", e);
        }
        if (upstreamBody.length > MAX_CONVERTED_BODY) {
            throw new GatewayException(502, "upstream_error", "upstream answer too large to convert");
        }
        observer.body().accept(upstreamBody);
        byte[] converted = conversion.translation().response().translate(upstreamBody, conversion.context());
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(converted);
        return true;
    }

    private static boolean events(UpstreamExchange upstream, Conversion conversion, Kind.Family dialect,
                                  ServerResponse res, boolean array, Relay.Observer observer) {
        if (array) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
        } else {
            res.header(HeaderValues.CONTENT_TYPE_EVENT_STREAM).header(HeaderValues.CACHE_NO_CACHE)
                    .header(HeaderNames.create("X-Accel-Buffering"), "no");
        }
        StreamTranslator translator = conversion.translation().stream(conversion.context());
        SseReader reader = new SseReader(upstream.body());
        Writer writer = new Writer(array);
        boolean broken = false;
        try (OutputStream out = res.outputStream()) {
            writer.open(out);
            while (true) {
                Optional<SseEvent> event;
                try {
                    event = reader.next();
                } catch (IOException | UncheckedIOException e) {
                    broken = true;
                    break;
                }
                if (event.isEmpty()) {
                    broken = reader.truncated();
                    break;
                }
                observer.event().test(event.get());
                writer.write(out, translator.onEvent(event.get()));
            }
            writer.write(out, translator.finish());
            if (broken) {
                writer.error(out, dialect);
            }
            writer.close(out);
            return !broken;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes client events as SSE, or as elements of one JSON array (Gemini without {@code alt=sse}). */
    private static final class Writer {
        private final boolean array;
        private boolean first = true;

        Writer(boolean array) {
            this.array = array;
        }

        void open(OutputStream out) throws IOException {
            if (array) {
                out.write(ARRAY_OPEN);
            }
        }

        void write(OutputStream out, List<SseEvent> events) throws IOException {
            if (events.isEmpty()) {
                return;
            }
            for (SseEvent event : events) {
                if (!array) {
                    event.writeTo(out);
                } else if (event.dispatchable() && event.data().isPresent()) {
                    out.write(first ? new byte[0] : ARRAY_NEXT);
                    out.write(event.dataText().getBytes(StandardCharsets.UTF_8));
                    first = false;
                }
            }
            out.flush();
        }

        void error(OutputStream out, Kind.Family dialect) throws IOException {
            if (!array) {
                out.write(StreamErrors.sse(dialect));
                return;
            }
            out.write(first ? new byte[0] : ARRAY_NEXT);
            out.write(StreamErrors.json(dialect));
            first = false;
        }

        void close(OutputStream out) throws IOException {
            if (array) {
                out.write(ARRAY_CLOSE);
            }
        }
    }
}
