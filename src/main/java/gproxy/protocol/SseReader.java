package gproxy.protocol;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads server-sent events from a live stream, one block at a time, per the WHATWG event-stream
 * rules: CRLF, LF and CR line endings, a leading BOM dropped, {@code data} lines joined with
 * {@code \n}, comments kept. A block is returned the moment its blank line has been read; the reader
 * never waits for bytes beyond it. Bytes already received past it stay buffered for the next call.
 *
 * <p>The concatenation of every returned event's {@link SseEvent#raw() raw} bytes is the stream as
 * received, minus the BOM and an unfinished block at the end ({@link #truncated()}). Blank lines
 * between blocks carry no event and open the next block's bytes; so does the LF of a CRLF blank line
 * that had not arrived when its block was returned (dropped if the stream then ends).
 *
 * <p>Not thread-safe. Closing it closes the stream.
 */
public final class SseReader implements Closeable {
    public static final int DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private boolean started;
    private boolean eof;
    private boolean truncated;
    /** The previous line ended with CR: an LF right after it belongs to that line ending. */
    private boolean afterCr;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final SseBlock block = new SseBlock();

    public SseReader(InputStream in) {
        this(in, DEFAULT_MAX_EVENT_BYTES);
    }

    public SseReader(InputStream in, int maxEventBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("max-event-bytes: " + maxEventBytes + " (expected: >= 1)");
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The next block, or empty at the end of the stream.
     *
     * @throws StreamFormatException when a block grows past the size limit (the reader is then unusable)
     */
    public Optional<SseEvent> next() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                truncated = block.started() || line.size() > 0;
                return Optional.empty();
            }
            byte b = buffer[pos++];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    append(b);
                    continue;
                }
            }
            append(b);
            if (b != '\n' && b != '\r') {
                line.write(b);
                continue;
            }
            afterCr = b == '\r';
            if (line.size() > 0) {
                block.line(line.toString(StandardCharsets.UTF_8));
                line.reset();
                continue;
            }
            if (!block.started()) {
                continue;
            }
            return Optional.of(dispatch());
        }
    }

    /** Whether the stream ended in the middle of a block (which was then dropped, as the spec says). */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private SseEvent dispatch() throws IOException {
        // A CRLF blank line usually arrives whole: take its LF now, so the block's bytes end with
        // it and a client splitting on "\r\n\r\n" sees the event at once. Only already received
        // bytes are looked at; never block for it.
        if (afterCr && lineFeedArrived()) {
            append(buffer[pos++]);
            afterCr = false;
        }
        SseEvent event = block.event(raw.toByteArray());
        raw.reset();
        return event;
    }

    /** Whether the next byte is an LF that is already here (buffered, or readable without blocking). */
    private boolean lineFeedArrived() throws IOException {
        if (pos == limit && (in.available() <= 0 || !fill())) {
            return false;
        }
        return buffer[pos] == '\n';
    }

    private void append(byte b) throws StreamFormatException {
        if (raw.size() >= maxEventBytes) {
            throw new StreamFormatException("server-sent event exceeds " + maxEventBytes
                    + " bytes (max-event-bytes)");
        }
        raw.write(b);
    }

    /** Reads whatever is available (at least one byte, blocking until then); false at the end. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        if (!started) {
            started = true;
            skipBom();
        }
        return pos < limit || fill();
    }

    private void skipBom() throws IOException {
        while (limit < 3 && buffer[0] == (byte) 0xEF && (limit < 2 || buffer[1] == (byte) 0xBB)) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
        }
        if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
            pos = 3;
        }
    }
}
