package gproxy.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import gproxy.http1.Http1Response;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

/**
 * One upstream response being read: status and headers are known, the body arrives through
 * {@link #body()} as the upstream sends it.
 *
 * <p>A streamed body has a stream-idle limit: a read that waits longer is cut by closing the
 * exchange. The socket's own read timeout cannot do this, because it also bounds the wait for the
 * response head, which is the first-byte timeout's job.
 *
 * <p>Must be closed. Closing before the body was read to its end drops the connection instead of
 * draining it, so a client that hangs up stops the upstream read at once.
 */
public final class UpstreamExchange implements AutoCloseable {
    /** One daemon thread cuts every idle stream of the process; its tasks only close responses. */
    private static final ScheduledExecutorService IDLE_CUTTER = idleCutter();

    private final Candidate candidate;
    private final Http1Response response;
    private final long startedNanos;
    private final Optional<Duration> streamIdle;
    private volatile boolean idledOut;
    private InputStream body;
    private UnaryOperator<InputStream> bodyFilter;

    UpstreamExchange(Candidate candidate, Http1Response response, long startedNanos,
                     Optional<Duration> streamIdle) {
        this.candidate = candidate;
        this.response = response;
        this.startedNanos = startedNanos;
        this.streamIdle = streamIdle;
    }

    public Candidate candidate() {
        return candidate;
    }

    public int status() {
        return response.status();
    }

    /** The upstream's headers; without {@code Content-Length} once a body filter may change the length. */
    public Headers headers() {
        if (bodyFilter == null || !response.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            return response.headers();
        }
        WritableHeaders<?> headers = WritableHeaders.create(response.headers());
        headers.remove(HeaderNames.CONTENT_LENGTH);
        return headers;
    }

    /**
     * Edits the body on its way to the relay (response-phase rules); set before the body is read.
     * The filter sees the guarded stream, so idle cuts and read failures stay {@link IOException}s.
     */
    void filterBody(UnaryOperator<InputStream> filter) {
        if (body != null) {
            throw new IllegalStateException("the body is already being read");
        }
        this.bodyFilter = filter;
    }

    /**
     * The body as it arrives. Every failure to read it — a cut connection, a read timeout — is an
     * {@link IOException}, so callers never mistake one for a bug and let it escape mid-answer.
     */
    public InputStream body() {
        if (body == null) {
            InputStream guarded = new Body(response.body(), this);
            body = bodyFilter == null ? guarded : bodyFilter.apply(guarded);
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
        response.close(); // closes the connection unless the body was read to its end; never throws
    }

    private void cutIdle() {
        idledOut = true;
        close();
    }

    private static ScheduledExecutorService idleCutter() {
        ScheduledThreadPoolExecutor cutter = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("gproxy-stream-idle").factory());
        cutter.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(cutter);
    }

    private interface Read {
        int run() throws IOException;
    }

    private static final class Body extends FilterInputStream {
        private final UpstreamExchange exchange;

        Body(InputStream in, UpstreamExchange exchange) {
            super(in);
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            return guarded(super::read);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return guarded(() -> super.read(b, off, len));
        }

        private int guarded(Read read) throws IOException {
            ScheduledFuture<?> cut = exchange.streamIdle
                    .map(d -> IDLE_CUTTER.schedule(exchange::cutIdle, d.toNanos(), TimeUnit.NANOSECONDS))
                    .orElse(null);
            try {
                return read.run();
            } catch (IOException e) {
                throw failure(e);
            } catch (UncheckedIOException e) {
                throw failure(e.getCause());
            } catch (RuntimeException e) {
                throw failure(new IOException("upstream body read failed: " + e, e));
            } finally {
                if (cut != null) {
                    cut.cancel(false);
                }
            }
        }

        private IOException failure(IOException e) {
            if (!exchange.idledOut) {
                return e;
            }
            return new IOException("upstream stream idle for longer than " + exchange.streamIdle.orElseThrow(), e);
        }
    }
}
