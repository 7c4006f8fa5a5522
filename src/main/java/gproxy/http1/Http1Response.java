package gproxy.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.http.Headers;

/**
 * One answer: status and headers read, the body arriving through {@link #body()} as the upstream
 * sends it. A body read to its end gives the connection back to the pool.
 *
 * <p>Must be closed. Closing before the body's end closes the connection instead of draining it;
 * it may be called from another thread to abort a blocked read.
 */
public final class Http1Response implements AutoCloseable {
    private static final int OPEN = 0;
    private static final int RELEASED = 1;
    private static final int CLOSED = 2;

    private final int status;
    private final Headers headers;
    private final Connection connection;
    private final Pool pool;
    private final boolean keepAlive;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final InputStream body;

    Http1Response(int status, Headers headers, Connection connection, Pool pool, boolean keepAlive, Framing framing) {
        this.status = status;
        this.headers = headers;
        this.connection = connection;
        this.pool = pool;
        this.keepAlive = keepAlive && !(framing instanceof Framing.UntilClose);
        this.body = switch (framing) {
            case Framing.Empty e -> InputStream.nullInputStream();
            case Framing.Fixed f -> new Fixed(f.length());
            case Framing.Chunked c -> new Chunked();
            case Framing.UntilClose u -> new UntilClose();
        };
        if (framing instanceof Framing.Empty || framing instanceof Framing.Fixed f && f.length() == 0) {
            ended();
        }
    }

    /** How the body is delimited. */
    sealed interface Framing {
        record Empty() implements Framing { }

        record Fixed(long length) implements Framing { }

        record Chunked() implements Framing { }

        record UntilClose() implements Framing { }
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** The body; -1 at its end. A connection that breaks before the end is an {@link IOException}. */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        if (state.compareAndSet(OPEN, CLOSED)) {
            connection.close();
        }
    }

    private void ended() {
        if (keepAlive && !connection.wire().hasBuffered()) {
            if (state.compareAndSet(OPEN, RELEASED)) {
                pool.release(connection);
            }
            return;
        }
        close();
    }

    private Wire wire() throws IOException {
        if (state.get() == CLOSED) {
            throw new IOException("upstream exchange closed");
        }
        return connection.wire();
    }

    private final class Fixed extends InputStream {
        private long remaining;

        Fixed(long length) {
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = wire().read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("upstream closed the connection " + remaining + " bytes before the body's end");
            }
            remaining -= n;
            if (remaining == 0) {
                ended();
            }
            return n;
        }
    }

    private final class Chunked extends InputStream {
        private long remaining;
        private boolean started;
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (remaining == 0 && !nextChunk()) {
                return -1;
            }
            int n = wire().read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("upstream closed the connection in the middle of a chunk");
            }
            remaining -= n;
            return n;
        }

        /** Reads the next chunk's size line; false (and the connection released) after the last. */
        private boolean nextChunk() throws IOException {
            Wire wire = wire();
            if (started && !wire.line().isEmpty()) {
                throw new IOException("upstream chunk not followed by CRLF");
            }
            started = true;
            String line = wire.line();
            int ext = line.indexOf(';');
            String hex = (ext < 0 ? line : line.substring(0, ext)).strip();
            try {
                remaining = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("upstream chunk size is not hex: " + hex);
            }
            if (remaining < 0) {
                throw new IOException("upstream chunk size is negative: " + hex);
            }
            if (remaining > 0) {
                return true;
            }
            while (!wire.line().isEmpty()) {
                // trailers: not relayed
            }
            done = true;
            ended();
            return false;
        }
    }

    private final class UntilClose extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            int n = wire().read(b, off, len);
            if (n < 0) {
                done = true;
                ended();
            }
            return n;
        }
    }
}
