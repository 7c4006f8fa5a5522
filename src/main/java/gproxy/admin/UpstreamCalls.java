package gproxy.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import gproxy.channel.UpstreamRequest;
import gproxy.error.GatewayException;
import gproxy.http1.ProxySpec;
import io.helidon.http.Header;

/**
 * Sends the few upstream calls the admin API makes itself (the live model pull), buffered: 10 s to
 * connect, 30 s for the whole exchange including the body. Failures are 502/504 whose messages
 * name the upstream's origin and never a header (headers carry the credential).
 */
final class UpstreamCalls {
    static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration TOTAL = Duration.ofSeconds(30);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** A buffered upstream answer. */
    record Answer(int status, byte[] body) {
    }

    private final HttpClient client;
    private final Optional<String> proxyAuthorization;
    private final Optional<ProxySpec> unsupportedProxy;

    UpstreamCalls() {
        this(Optional.empty());
    }

    /**
     * Through {@code proxy} when one is set, as the data plane's calls go: the JDK client sends
     * plain-http requests to an HTTP proxy in absolute form and tunnels https ones with CONNECT,
     * with the URL's credentials as {@code Proxy-Authorization}. An https:// or socks5:// proxy is
     * not something the JDK client speaks: with one, each pull fails (502) rather than bypass it.
     */
    UpstreamCalls(Optional<ProxySpec> proxy) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER); // a redirect must not carry the key elsewhere
        proxy.filter(p -> p.type() == ProxySpec.Type.HTTP)
                .ifPresent(p -> builder.proxy(ProxySelector.of(new InetSocketAddress(p.host(), p.port()))));
        this.client = builder.build();
        this.unsupportedProxy = proxy.filter(p -> p.type() != ProxySpec.Type.HTTP);
        this.proxyAuthorization = proxy.flatMap(ProxySpec::authorization);
    }

    Answer send(UpstreamRequest request) {
        if (unsupportedProxy.isPresent()) {
            throw new GatewayException(502, "upstream_unreachable", "cannot reach " + origin(request.uri())
                    + ": the model pull goes through http:// proxies only, and " + unsupportedProxy.get() + " is set");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(TOTAL)
                .method(request.method().text(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        proxyAuthorization.ifPresent(a -> builder.header("Proxy-Authorization", a));
        for (Header header : request.headers()) {
            if (!RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
                header.allValues().forEach(v -> builder.header(header.name(), v));
            }
        }
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(builder.build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = call.get(TOTAL.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw timeout(request.uri());
        } catch (ExecutionException e) {
            throw failed(request.uri(), e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new GatewayException(503, "interrupted", "interrupted while calling " + origin(request.uri()));
        }
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
        if (cause instanceof HttpConnectTimeoutException) {
            return new GatewayException(504, "upstream_timeout", "connecting to " + origin(uri) + " took longer than "
                    + CONNECT.toSeconds() + " s");
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return timeout(uri);
        }
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof IOException ? "I/O error (" + cause.getClass().getSimpleName() + ")"
                : cause.getClass().getSimpleName();
        return new GatewayException(502, "upstream_unreachable", "cannot reach " + origin(uri) + ": " + why);
    }
}
