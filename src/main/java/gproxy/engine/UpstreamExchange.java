package gproxy.engine;

import java.io.IOException;
import java.io.InputStream;
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

    public InputStream body() {
        return response.inputStream();
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
}
