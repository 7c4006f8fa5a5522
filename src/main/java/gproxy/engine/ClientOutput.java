package gproxy.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * The client's streamed answer, written by the gateway (converted or synthesised events) rather
 * than copied from the upstream: opened once — status 200, the stream's headers and, for a Gemini
 * JSON-array stream, its {@code [} — by whoever writes first, the relay or a {@link Keepalive}, which
 * take turns (every method holds the lock). Events go out as SSE or as the elements of one JSON
 * array; each write is flushed. A write to a client that hung up throws {@link UncheckedIOException}.
 */
public final class ClientOutput {
    private static final byte[] ARRAY_OPEN = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_CLOSE = "]".getBytes(StandardCharsets.US_ASCII);
    /** JSON whitespace: what a JSON-array stream can carry between elements to keep a connection alive. */
    private static final byte[] ARRAY_KEEPALIVE = "\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLAUDE_PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerResponse res;
    private final boolean array;
    private final Kind.Family dialect;
    private OutputStream out;
    private boolean first = true;
    private boolean closed;

    /** The output of a streamed answer framed as {@code framing} ({@code SSE} or {@code JSON_ARRAY}). */
    public ClientOutput(ServerResponse res, Relay.Framing framing, Kind.Family dialect) {
        if (framing == Relay.Framing.BODY) {
            throw new IllegalArgumentException("framing: BODY (expected: SSE or JSON_ARRAY)");
        }
        this.res = res;
        this.array = framing == Relay.Framing.JSON_ARRAY;
        this.dialect = dialect;
    }

    /** Whether anything was sent: from then on the answer is a 200 stream and errors are stream events. */
    public synchronized boolean opened() {
        return out != null;
    }

    public synchronized void write(List<SseEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        run(o -> {
            for (SseEvent event : events) {
                if (!array) {
                    event.writeTo(o);
                } else if (event.dispatchable() && event.data().isPresent()) {
                    element(o, event.dataText().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    /**
     * The dialect's keepalive: Claude's {@code ping} event, an SSE comment for the other SSE dialects,
     * whitespace inside a JSON array (reference §5.3).
     */
    public synchronized void keepalive() {
        run(o -> o.write(array ? ARRAY_KEEPALIVE : dialect == Kind.Family.CLAUDE ? CLAUDE_PING : SSE_KEEPALIVE));
    }

    /** The stream's last event: the upstream broke off (see {@link StreamErrors}). */
    public synchronized void broken() {
        run(o -> {
            if (array) {
                element(o, StreamErrors.json(dialect));
            } else {
                o.write(StreamErrors.sse(dialect));
            }
        });
    }

    /** The stream's last event: an error with the upstream's (or the gateway's) status and message. */
    public synchronized void error(int status, String message) {
        run(o -> {
            if (array) {
                element(o, StreamErrors.json(dialect, status, message));
            } else {
                o.write(StreamErrors.sse(dialect, status, message));
            }
        });
    }

    /** Ends the stream (the array's {@code ]}) and the response; later calls do nothing. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            OutputStream o = open();
            if (array) {
                o.write(ARRAY_CLOSE);
            }
            o.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void element(OutputStream o, byte[] json) throws IOException {
        o.write(first ? new byte[0] : ARRAY_NEXT);
        o.write(json);
        first = false;
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private void run(Writing writing) {
        if (closed) {
            return;
        }
        try {
            writing.to(open());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OutputStream open() throws IOException {
        if (out != null) {
            return out;
        }
        res.status(Status.OK_200);
        if (array) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
        } else {
            res.header(HeaderValues.CONTENT_TYPE_EVENT_STREAM).header(HeaderValues.CACHE_NO_CACHE)
                    .header(HeaderNames.create("X-Accel-Buffering"), "no");
        }
        out = res.outputStream();
        if (array) {
            out.write(ARRAY_OPEN);
        }
        return out;
    }
}
