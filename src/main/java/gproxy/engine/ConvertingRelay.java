package gproxy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
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

    private ConvertingRelay() {
    }

    /**
     * Relays and converts a whole answer; returns whether it went out whole. {@code observer} sees
     * the upstream's body as it is (usage is read in the upstream's dialect).
     */
    public static boolean whole(UpstreamExchange upstream, Conversion conversion, ServerResponse res,
                                Relay.Observer observer) {
        res.status(Status.OK_200);
        return body(upstream, conversion, res, observer);
    }

    /**
     * Relays and converts a stream to {@code output}; returns whether it went out whole.
     * {@code observer} sees the upstream's events as they are; every upstream event goes to the
     * converter, whatever the observer says about forwarding it.
     */
    public static boolean stream(UpstreamExchange upstream, Conversion conversion, ClientOutput output,
                                 Relay.Observer observer) {
        StreamTranslator translator = conversion.translation().stream(conversion.context());
        return events(upstream, output, event -> {
            observer.event().test(event);
            return translator.onEvent(event);
        }, translator::finish);
    }

    /**
     * Copies a same-dialect stream to an {@code output} that is open already (keepalives went out
     * while an earlier candidate was waited for): event by event, as the observer lets them pass.
     */
    public static boolean passOn(UpstreamExchange upstream, ClientOutput output, Relay.Observer observer) {
        return events(upstream, output, event -> observer.event().test(event) ? List.of(event) : List.of(), List::of);
    }

    /**
     * An upstream error of a converted candidate, in the client's dialect: the status is kept, the
     * message is the upstream's own ({@code error.message} has the same place in all three vendor
     * envelopes), and a 429's {@code Retry-After} goes along.
     */
    public static GatewayException replay(Attempted.Replay replay, ServerResponse res) {
        replay.headers().first(HeaderNames.RETRY_AFTER).ifPresent(v -> res.header(HeaderNames.RETRY_AFTER, v));
        return error(replay);
    }

    /** An upstream error answer as a gateway error: its status, and its own message when it has one. */
    public static GatewayException error(Attempted.Replay replay) {
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

    private static boolean events(UpstreamExchange upstream, ClientOutput output,
                                  Function<SseEvent, List<SseEvent>> convert, Supplier<List<SseEvent>> finish) {
        SseReader reader = new SseReader(upstream.body());
        boolean broken = false;
        try {
            while (true) {
                Optional<SseEvent> event;
                try {
                    event = reader.next();
                } catch (IOException | RuntimeException e) {
                    // Helidon's client reports a connection cut mid-chunk unchecked; either way the upstream broke
                    broken = true;
                    break;
                }
                if (event.isEmpty()) {
                    broken = reader.truncated();
                    break;
                }
                output.write(convert.apply(event.get()));
            }
            output.write(finish.get());
            if (broken) {
                output.broken();
            }
        } finally {
            output.close();
        }
        return !broken;
    }
}
