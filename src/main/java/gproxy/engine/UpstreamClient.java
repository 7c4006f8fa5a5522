package gproxy.engine;

import java.time.Duration;
import java.util.Optional;

import gproxy.channel.UpstreamRequest;
import gproxy.config.UpstreamTimeouts;
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
                .socketOptions(s -> s.connectTimeout(timeouts.connect()).readTimeout(timeouts.firstByte()))
                .servicesDiscoverServices(false)
                .build();
    }

    /**
     * Sends {@code request}; the returned exchange must be closed.
     *
     * @throws UpstreamTransportException when no response arrived (refused, reset, timed out)
     */
    UpstreamExchange send(Candidate candidate, UpstreamRequest request) {
        Optional<Duration> streamIdle = request.streaming() ? Optional.of(timeouts.streamIdle()) : Optional.empty();
        long started = System.nanoTime();
        try {
            HttpClientRequest call = client.method(request.method())
                    .uri(request.uri())
                    .skipUriEncoding(true)
                    .followRedirects(false)
                    .readTimeout(timeouts.firstByte())
                    .headers(request.headers());
            HttpClientResponse response = request.body().length == 0 && !request.method().text().equals("POST")
                    ? call.request()
                    : call.submit(request.body());
            return new UpstreamExchange(candidate, response, started, streamIdle);
        } catch (RuntimeException e) {
            throw new UpstreamTransportException(request.uri().getHost(), e);
        }
    }
}
