package gproxy.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gproxy.channel.UpstreamRequest;
import gproxy.error.GatewayException;
import gproxy.http1.Abort;
import gproxy.http1.Http1Client;
import gproxy.http1.Http1Response;
import gproxy.http1.ProxySpec;

/**
 * Sends the few upstream calls the admin API makes itself (the live model pull), buffered, on the
 * data plane's own HTTP/1.1 client — so through the same outbound proxy of any kind (http, https,
 * socks5): 10 s to connect, 30 s for the whole exchange including the body. Failures are 502/504
 * whose messages name the upstream's origin and never a header (headers carry the credential).
 */
final class UpstreamCalls implements AutoCloseable {
    static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration TOTAL = Duration.ofSeconds(30);

    /** A buffered upstream answer. */
    record Answer(int status, byte[] body) {
    }

    private final Http1Client client;

    UpstreamCalls() {
        this(Optional.empty());
    }

    /** Through {@code proxy} when one is set, as the data plane's calls go (credentials to the proxy only). */
    UpstreamCalls(Optional<ProxySpec> proxy) {
        this.client = new Http1Client(CONNECT, proxy);
    }

    Answer send(UpstreamRequest request) {
        Abort abort = new Abort();
        CompletableFuture<Answer> call = new CompletableFuture<>();
        Thread.ofVirtual().name("gproxy-admin-upstream").start(() -> {
            try {
                call.complete(exchange(request, abort));
            } catch (Throwable e) {
                call.completeExceptionally(e);
            }
        });
        try {
            return call.get(TOTAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort.abort();
            throw timeout(request.uri());
        } catch (ExecutionException e) {
            throw failed(request.uri(), e.getCause());
        } catch (InterruptedException e) {
            abort.abort();
            Thread.currentThread().interrupt();
            throw new GatewayException(503, "interrupted", "interrupted while calling " + origin(request.uri()));
        }
    }

    private Answer exchange(UpstreamRequest request, Abort abort) throws IOException {
        // a fresh connection each time: pulls are rare, and an idle pooled one may have gone stale
        try (Http1Response response = client.send(request.method().text(), request.uri(), request.headers(),
                request.body(), TOTAL, false, abort)) {
            return new Answer(response.status(), response.body().readAllBytes());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Scheme, host and port: never the path's query or any user info. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static GatewayException timeout(URI uri) {
        return new GatewayException(504, "upstream_timeout", origin(uri) + " did not answer within "
                + TOTAL.toSeconds() + " s");
    }

    private static GatewayException failed(URI uri, Throwable cause) {
        if (cause instanceof GatewayException e) {
            return e;
        }
        if (cause instanceof SocketTimeoutException) {
            return new GatewayException(504, "upstream_timeout", origin(uri) + " did not answer in time ("
                    + CONNECT.toSeconds() + " s to connect, " + TOTAL.toSeconds() + " s in all)");
        }
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof IOException ? "I/O error (" + cause.getClass().getSimpleName() + ")"
                : cause.getClass().getSimpleName();
        return new GatewayException(502, "upstream_unreachable", "cannot reach " + origin(uri) + ": " + why);
    }
}
