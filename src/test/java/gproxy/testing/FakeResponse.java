package gproxy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import gproxy.protocol.SseEvent;

/**
 * What the fake upstream answers to one request: status, headers and a body made of parts. A
 * streamed body (SSE, JSON array) is sent chunked, one chunk per part, flushed after each; a plain
 * body goes in one piece with a {@code Content-Length}. Timing and faults are layered on with the
 * {@code with}-style methods, each returning a new value. Vendor-shaped bodies: {@link FakeResponses}.
 *
 * @param parts the body's parts ("events" for {@link #drip}, faults and {@link Hangup})
 * @param chunked whether the body goes out with chunked transfer encoding
 * @param headersDelay silence before the status line (slow first byte)
 * @param drip silence between parts
 */
public record FakeResponse(int status, List<Header> headers, List<byte[]> parts, boolean chunked,
        Duration headersDelay, Duration drip, Optional<Throttle> throttle, Optional<Fault> fault) {

    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** At most {@code bytesPerPeriod} body bytes per {@code period} (OkHttp's {@code throttleBody}). */
    public record Throttle(int bytesPerPeriod, Duration period) {
        public Throttle {
            if (bytesPerPeriod < 1) {
                throw new IllegalArgumentException("bytes-per-period: " + bytesPerPeriod + " (expected: >= 1)");
            }
            Objects.requireNonNull(period, "period");
        }
    }

    public FakeResponse {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..999)");
        }
        headers = List.copyOf(headers);
        parts = parts.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(headersDelay, "headersDelay");
        Objects.requireNonNull(drip, "drip");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(fault, "fault");
    }

    public static FakeResponse json(String body) {
        return json(200, body);
    }

    public static FakeResponse json(int status, String body) {
        return body(status, "application/json", body.getBytes(UTF_8));
    }

    public static FakeResponse body(int status, String contentType, byte[] body) {
        return new FakeResponse(status, List.of(new Header("Content-Type", contentType)), List.of(body), false,
                Duration.ZERO, Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** A status with an empty body. */
    public static FakeResponse status(int status) {
        return new FakeResponse(status, List.of(), List.of(), false, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty());
    }

    /** An event stream, one event per part; the events' exact bytes are sent. */
    public static FakeResponse sse(List<SseEvent> events) {
        return stream("text/event-stream", events.stream().map(SseEvent::raw).toList());
    }

    /** An event stream of raw texts, one per part, sent as they are (for malformed streams). */
    public static FakeResponse sseText(List<String> rawEvents) {
        return stream("text/event-stream", rawEvents.stream().map(e -> e.getBytes(UTF_8)).toList());
    }

    /**
     * A JSON array streamed element by element, as Gemini does without {@code alt=sse}: one part
     * per element, the separators and brackets riding along with the elements.
     */
    public static FakeResponse jsonArrayStream(List<String> elements) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            String part = (i == 0 ? "[" : ",\r\n") + elements.get(i) + (i == elements.size() - 1 ? "]" : "");
            parts.add(part.getBytes(UTF_8));
        }
        return stream("application/json", parts.isEmpty() ? List.of("[]".getBytes(UTF_8)) : parts);
    }

    /** Reads the request and closes the connection without answering (a stale kept-alive connection). */
    public static FakeResponse closeWithoutResponse() {
        return status(200).fault(new Fault.CloseWithoutResponse());
    }

    /** Accepts the request and never answers. */
    public static FakeResponse noResponse() {
        return status(200).fault(new Fault.NoResponse());
    }

    private static FakeResponse stream(String contentType, List<byte[]> parts) {
        return new FakeResponse(200, List.of(new Header("Content-Type", contentType),
                new Header("Cache-Control", "no-cache")), parts, true, Duration.ZERO, Duration.ZERO,
                Optional.empty(), Optional.empty());
    }

    public FakeResponse withStatus(int newStatus) {
        return new FakeResponse(newStatus, headers, parts, chunked, headersDelay, drip, throttle, fault);
    }

    public FakeResponse header(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new FakeResponse(status, more, parts, chunked, headersDelay, drip, throttle, fault);
    }

    public FakeResponse retryAfter(int seconds) {
        return header("Retry-After", Integer.toString(seconds));
    }

    public FakeResponse delayHeaders(Duration delay) {
        return new FakeResponse(status, headers, parts, chunked, delay, drip, throttle, fault);
    }

    public FakeResponse drip(Duration betweenEvents) {
        return new FakeResponse(status, headers, parts, chunked, headersDelay, betweenEvents, throttle, fault);
    }

    public FakeResponse throttle(int bytesPerPeriod, Duration period) {
        return new FakeResponse(status, headers, parts, chunked, headersDelay, drip,
                Optional.of(new Throttle(bytesPerPeriod, period)), fault);
    }

    public FakeResponse fault(Fault newFault) {
        return new FakeResponse(status, headers, parts, chunked, headersDelay, drip, throttle, Optional.of(newFault));
    }

    public FakeResponse disconnectAfterHeaders() {
        return fault(new Fault.DisconnectAfterHeaders());
    }

    public FakeResponse disconnectAfterEvents(int events) {
        return fault(new Fault.DisconnectAfterEvents(events));
    }

    public FakeResponse disconnectAfterBytes(long bytes) {
        return fault(new Fault.DisconnectAfterBytes(bytes));
    }

    public FakeResponse stallAfterHeaders() {
        return fault(new Fault.StallAfterHeaders());
    }

    public FakeResponse stallAfterEvents(int events) {
        return fault(new Fault.StallAfterEvents(events));
    }

    /** The body's bytes, all parts concatenated. */
    public byte[] bodyBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public String bodyText() {
        return new String(bodyBytes(), UTF_8);
    }
}
