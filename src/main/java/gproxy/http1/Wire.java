package gproxy.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The read side of one connection: a buffer over the socket's stream, read for header lines and
 * for body bytes. A body read takes what is buffered or does one socket read, never waiting to
 * fill the buffer, so a streamed event is handed on as soon as it arrives.
 */
final class Wire {
    private static final int SIZE = 16 * 1024;
    /** A header line longer than this is not an HTTP answer worth relaying. */
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    private int limit;
    private long received;

    Wire(InputStream in) {
        this.in = in;
    }

    /** Bytes received since {@link #expectAnswer()}: zero means the peer never answered this request. */
    long received() {
        return received;
    }

    /** A new request was sent: count its answer's bytes from zero. */
    void expectAnswer() {
        received = 0;
    }

    /** One line without its CR LF (ISO-8859-1, as HTTP heads are); EOF before its end throws. */
    String line() throws IOException {
        StringBuilder long_ = null;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    if (long_ == null) {
                        return part;
                    }
                    long_.append(part);
                    int n = long_.length();
                    return n > 0 && long_.charAt(n - 1) == '\r' ? long_.substring(0, n - 1) : long_.toString();
                }
            }
            if (long_ == null) {
                long_ = new StringBuilder();
            }
            long_.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
            if (long_.length() > MAX_LINE) {
                throw new IOException("upstream header line longer than " + MAX_LINE + " bytes");
            }
            pos = limit;
            if (fill() < 0) {
                throw new EOFException("upstream closed the connection in the middle of a line");
            }
        }
    }

    /** Up to {@code len} bytes: what is buffered, else one socket read; -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (pos == limit) {
            if (len >= SIZE) {
                int n = in.read(b, off, len);
                if (n > 0) {
                    received += n;
                }
                return n;
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Whether bytes the current answer did not claim are buffered (a connection not safe to reuse). */
    boolean hasBuffered() {
        return pos < limit;
    }

    private int fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, SIZE);
        if (n < 0) {
            return -1;
        }
        limit = n;
        received += n;
        return n;
    }
}
