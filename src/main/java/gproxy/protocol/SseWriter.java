package gproxy.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes server-sent events and flushes after each one, so every event leaves the process when it
 * is written (the relay must never buffer a stream). Passthrough events go out as their exact raw
 * bytes. Not thread-safe; the caller owns and closes the stream.
 */
public final class SseWriter {
    private final OutputStream out;

    public SseWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes the event's bytes as they are, then flushes. */
    public void write(SseEvent event) throws IOException {
        event.writeTo(out);
        out.flush();
    }

    /** Writes {@code event: name} + {@code data:} lines, then flushes. */
    public void event(String name, String data) throws IOException {
        write(SseEvent.of(name, data));
    }

    /** Writes {@code data:} lines only, then flushes. */
    public void data(String data) throws IOException {
        write(SseEvent.data(data));
    }

    /** Writes a comment block ({@code : text}), the keepalive that idle-timing proxies need, then flushes. */
    public void comment(String text) throws IOException {
        write(SseEvent.comment(text));
    }
}
