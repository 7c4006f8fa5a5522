package gproxy.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.helidon.http.Headers;
import io.helidon.webclient.api.HttpClientResponse;

/**
 * One upstream response being read: status and headers are known, the body arrives through
 * {@link #body()} as the upstream sends it.
 *
 * <p>Must be closed. Closing before the body was read to its end drops the connection instead of
 * draining it, so a client that hangs up stops the upstream read at once.
 */
public final class UpstreamExchange implements AutoCloseable {
    private final Candidate candidate;
    private final HttpClientResponse response;
    private final long startedNanos;
    private InputStream body;

    UpstreamExchange(Candidate candidate, HttpClientResponse response, long startedNanos) {
        this.candidate = candidate;
        this.response = response;
        this.startedNanos = startedNanos;
    }

    public Candidate candidate() {
        return candidate;
    }

    public int status() {
        return response.status().code();
    }

    public Headers headers() {
        return response.headers();
    }

    /**
     * The body as it arrives. Every failure to read it — a cut connection, a read timeout — is an
     * {@link IOException}: Helidon reports some as unchecked exceptions of its own, which callers
     * would otherwise mistake for a bug and let escape mid-answer.
     */
    public InputStream body() {
        if (body == null) {
            body = new Body(response.inputStream());
        }
        return body;
    }

    /** Time from sending the request to the response headers. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** At most {@code max} bytes of the body, for error answers that are classified and replayed. */
    byte[] readUpTo(int max) {
        try {
            return body().readNBytes(max);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (RuntimeException e) {
            // closing an aborted exchange may fail on a dead socket; there is nothing left to release
        }
    }

    private static final class Body extends FilterInputStream {
        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("upstream body read failed: " + e, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("upstream body read failed: " + e, e);
            }
        }
    }
}
