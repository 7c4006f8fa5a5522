package gproxy.engine;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;

import gproxy.channel.UpstreamRequest;
import gproxy.config.UpstreamTimeouts;
import io.helidon.common.buffers.DataReader;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * Sends prepared upstream requests over one shared Helidon client (pooled keep-alive connections).
 * Redirects are never followed: a redirect from an LLM API is an answer to pass on, not a hop to
 * make with the credential attached. Every socket read is bounded by the first-byte timeout (the
 * response head, and each read of a buffered body); a streamed body is further cut by the
 * exchange when a read waits longer than the stream-idle timeout. A stream-idle timeout above the
 * first-byte one is therefore capped by it.
 */
public final class UpstreamClient {
    private final WebClient client;
    private final UpstreamTimeouts timeouts;

    public UpstreamClient(UpstreamTimeouts timeouts) {
        this.timeouts = timeouts;
        this.client = WebClient.builder()
                .socketOptions(s -> s.connectTimeout(timeouts.connect()).readTimeout(timeouts.firstByte()).tcpNoDelay(true))
                .servicesDiscoverServices(false)
                .build();
    }

    /**
     * Sends {@code request}; the returned exchange must be closed. A connection that closes before
     * a single byte of answer is, almost always, a kept-alive one the upstream had just closed (an
     * idle timeout racing the reuse): the request is sent once more, on a new connection, before
     * the attempt counts as failed, as OkHttp does. Refused connects and timeouts are not repeated.
     *
     * @throws UpstreamTransportException when no response arrived (refused, reset, timed out)
     */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request) {
        return send(candidate, request, timeouts.firstByte());
    }

    /** As {@link #send(Candidate, UpstreamRequest)}, every read bounded by {@code readTimeout} (side calls). */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request, Duration readTimeout) {
        long started = System.nanoTime();
        try {
            return exchange(candidate, request, started, true, readTimeout);
        } catch (RuntimeException e) {
            if (!closedBeforeAnswering(e)) {
                throw new UpstreamTransportException(request.uri().getHost(), e);
            }
        }
        try {
            return exchange(candidate, request, started, false, readTimeout);
        } catch (RuntimeException e) {
            throw new UpstreamTransportException(request.uri().getHost(), e);
        }
    }

    /** @param reuse whether a pooled connection may carry it; without, a new one is opened (and not kept) */
    private UpstreamExchange exchange(Candidate candidate, UpstreamRequest request, long started, boolean reuse,
                                      Duration readTimeout) {
        HttpClientRequest call = client.method(request.method())
                .uri(request.uri())
                .skipUriEncoding(true)
                .followRedirects(false)
                .readTimeout(readTimeout)
                .headers(request.headers());
        if (!reuse) {
            call.keepAlive(false);
        }
        HttpClientResponse response = request.body().length == 0 && !request.method().text().equals("POST")
                ? call.request()
                : call.submit(request.body());
        return new UpstreamExchange(candidate, response, started,
                request.streaming() ? Optional.of(timeouts.streamIdle()) : Optional.empty());
    }

    /** End of stream before the status line, or a reset/broken pipe: not a refusal, not a timeout. */
    private static boolean closedBeforeAnswering(RuntimeException e) {
        if (e instanceof DataReader.InsufficientDataAvailableException) {
            return true;
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e.getCause();
        return cause instanceof SocketException && !(cause instanceof ConnectException)
                && !(cause instanceof NoRouteToHostException);
    }
}
