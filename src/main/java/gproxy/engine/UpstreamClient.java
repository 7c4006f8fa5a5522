package gproxy.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import gproxy.channel.UpstreamRequest;
import gproxy.config.UpstreamTimeouts;
import gproxy.http1.Abort;
import gproxy.http1.Http1Client;
import gproxy.http1.Http1Response;
import gproxy.http1.NoAnswerException;
import gproxy.http1.ProxySpec;

/**
 * Sends prepared upstream requests over one shared {@link Http1Client} (pooled keep-alive
 * connections, blocking reads on the request's own virtual thread, through the configured
 * outbound proxy if any). Redirects are never followed: a redirect from an LLM API is an answer to
 * pass on, not a hop to make with the credential attached. Every socket read is bounded by the
 * first-byte timeout (the response head, and each read of a buffered body); a streamed body is
 * further cut by the exchange when a read waits longer than the stream-idle timeout. A stream-idle
 * timeout above the first-byte one is therefore capped by it.
 */
public final class UpstreamClient implements AutoCloseable {
    private final Http1Client client;
    private final UpstreamTimeouts timeouts;

    public UpstreamClient(UpstreamTimeouts timeouts) {
        this(timeouts, Optional.empty());
    }

    public UpstreamClient(UpstreamTimeouts timeouts, Optional<ProxySpec> proxy) {
        this.timeouts = timeouts;
        this.client = new Http1Client(timeouts.connect(), proxy);
    }

    UpstreamExchange send(Candidate candidate, UpstreamRequest request) {
        return send(candidate, request, new Abort());
    }

    /** As {@link #send(Candidate, UpstreamRequest)}; {@code abort} cuts the call from another thread. */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request, Abort abort) {
        return send(candidate, request, abort, timeouts.firstByte());
    }

    /** As {@link #send(Candidate, UpstreamRequest)}, every read bounded by {@code readTimeout} (side calls). */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request, Duration readTimeout) {
        return send(candidate, request, new Abort(), readTimeout);
    }

    /**
     * Sends {@code request}; the returned exchange must be closed. A connection that closes before
     * a single byte of answer is, almost always, a kept-alive one the upstream had just closed (an
     * idle timeout racing the reuse): the request is sent once more, on a new connection, before
     * the attempt counts as failed, as OkHttp does. Refused connects and timeouts are not repeated.
     * {@code abort} cuts the call from another thread (the client hung up before the answer).
     *
     * @throws UpstreamTransportException when no response arrived (refused, reset, timed out, aborted)
     */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request, Abort abort, Duration readTimeout) {
        long started = System.nanoTime();
        try {
            return exchange(candidate, request, started, true, abort, readTimeout);
        } catch (NoAnswerException e) {
            if (abort.aborted()) {
                throw new UpstreamTransportException(request.uri().getHost(), e);
            }
        } catch (IOException | RuntimeException e) {
            throw new UpstreamTransportException(request.uri().getHost(), e);
        }
        try {
            return exchange(candidate, request, started, false, abort, readTimeout);
        } catch (IOException | RuntimeException e) {
            throw new UpstreamTransportException(request.uri().getHost(), e);
        }
    }

    /** Idle pooled upstream connections (tests). */
    int idleConnections() {
        return client.idleConnections();
    }

    @Override
    public void close() {
        client.close();
    }

    /** @param reuse whether a pooled connection may carry it; without, a new one is opened */
    private UpstreamExchange exchange(Candidate candidate, UpstreamRequest request, long started, boolean reuse,
                                      Abort abort, Duration readTimeout) throws IOException {
        Http1Response response = client.send(request.method().text(), request.uri(), request.headers(),
                request.body(), readTimeout, reuse, abort);
        return new UpstreamExchange(candidate, response, started,
                request.streaming() ? Optional.of(timeouts.streamIdle()) : Optional.empty());
    }
}
