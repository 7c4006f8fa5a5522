package gproxy.protocol;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a JSON array that arrives element by element — Gemini's {@code :streamGenerateContent}
 * without {@code alt=sse} — and returns each top-level element's exact bytes the moment its closing
 * bracket arrives. A brace scanner that respects strings and escapes, rather than a parser: it keeps
 * the bytes as sent, never waits for more than the element it is on, and stops at the closing
 * {@code ]} without reading on. Elements must be objects or arrays (Gemini sends objects); what is
 * inside them is not validated here.
 *
 * <p>Not thread-safe. Closing it closes the stream.
 */
public final class JsonArrayReader implements Closeable {
    private enum State { BEFORE_ARRAY, FIRST, AFTER_ELEMENT, AFTER_COMMA, DONE }

    private final InputStream in;
    private final int maxElementBytes;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private State state = State.BEFORE_ARRAY;
    private final ByteArrayOutputStream element = new ByteArrayOutputStream(1024);

    public JsonArrayReader(InputStream in) {
        this(in, SseReader.DEFAULT_MAX_EVENT_BYTES);
    }

    public JsonArrayReader(InputStream in, int maxElementBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxElementBytes < 1) {
            throw new IllegalArgumentException("max-element-bytes: " + maxElementBytes + " (expected: >= 1)");
        }
        this.maxElementBytes = maxElementBytes;
    }

    /**
     * The next element's bytes, or empty after the closing {@code ]} or at the end of the stream
     * (see {@link #truncated()}).
     *
     * @throws StreamFormatException when the stream is not an array of objects/arrays, or an element
     *     grows past the size limit
     */
    public Optional<byte[]> next() throws IOException {
        while (state != State.DONE) {
            int b = nextByte();
            if (b < 0) {
                return Optional.empty();
            }
            if (isWhitespace(b)) {
                continue;
            }
            switch (state) {
                case BEFORE_ARRAY -> expect(b == '[', "a JSON array", State.FIRST);
                case FIRST, AFTER_COMMA -> {
                    if (b == ']' && state == State.FIRST) {
                        state = State.DONE;
                        continue;
                    }
                    expect(b == '{' || b == '[', "an object or array element", State.AFTER_ELEMENT);
                    return readElement(b);
                }
                case AFTER_ELEMENT -> {
                    if (b == ']') {
                        state = State.DONE;
                        continue;
                    }
                    expect(b == ',', "',' or ']'", State.AFTER_COMMA);
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return Optional.empty();
    }

    /** Whether the stream ended before the array's closing {@code ]} (an element may have been cut). */
    public boolean truncated() {
        return eof && state != State.DONE;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The element that starts with {@code open}; empty when the stream ends inside it. */
    private Optional<byte[]> readElement(int open) throws IOException {
        element.reset();
        append(open);
        int depth = 1;
        boolean inString = false;
        while (depth > 0) {
            int b = nextByte();
            if (b < 0) {
                return Optional.empty();
            }
            append(b);
            if (inString) {
                if (b == '\\') {
                    int escaped = nextByte();
                    if (escaped < 0) {
                        return Optional.empty();
                    }
                    append(escaped);
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return Optional.of(element.toByteArray());
    }

    private void expect(boolean ok, String what, State then) throws StreamFormatException {
        if (!ok) {
            throw new StreamFormatException("JSON array stream: expected " + what);
        }
        state = then;
    }

    private void append(int b) throws StreamFormatException {
        if (element.size() >= maxElementBytes) {
            throw new StreamFormatException("JSON array element exceeds " + maxElementBytes
                    + " bytes (max-element-bytes)");
        }
        element.write(b);
    }

    private int nextByte() throws IOException {
        if (pos == limit) {
            if (eof) {
                return -1;
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                eof = n < 0;
                return n < 0 ? -1 : nextByte();
            }
            pos = 0;
            limit = n;
        }
        return buffer[pos++] & 0xFF;
    }

    private static boolean isWhitespace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
