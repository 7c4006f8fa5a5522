package gproxy.http1;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.WritableHeaders;

/**
 * Sends one request and reads the answer's head on the calling thread; the body is read by the
 * caller from the returned {@link Http1Response}. Thread-safe; one instance serves the process.
 */
public final class Http1Client implements AutoCloseable {
    /** Set by the client from the request itself; a caller's copy would be wrong or a smuggling risk. */
    private static final Set<String> OWN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-authorization", "proxy-connection", "te", "upgrade", "expect");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final int MAX_HEADERS = 256;

    private final Duration connectTimeout;
    private final Optional<ProxySpec> proxy;
    private final SSLSocketFactory tls;
    private final Pool pool;

    public Http1Client(Duration connectTimeout, Optional<ProxySpec> proxy) {
        this(connectTimeout, proxy, (SSLSocketFactory) SSLSocketFactory.getDefault(), 512, Duration.ofSeconds(30));
    }

    /** @param tls the trust used for https upstreams (and an https proxy) — tests bring their own */
    public Http1Client(Duration connectTimeout, Optional<ProxySpec> proxy, SSLSocketFactory tls,
                       int maxIdlePerOrigin, Duration maxIdle) {
        this.connectTimeout = connectTimeout;
        this.proxy = proxy;
        this.tls = tls;
        this.pool = new Pool(maxIdlePerOrigin, maxIdle);
    }

    /**
     * Sends the request. {@code reuse} allows a pooled connection; without it a new one is opened.
     *
     * @throws NoAnswerException when the connection closed or reset before a byte of answer
     * @throws IOException       a refused or timed-out connect, a read timeout, a malformed answer
     */
    public Http1Response send(String method, URI uri, Headers headers, byte[] body, Duration readTimeout,
                              boolean reuse, Abort abort) throws IOException {
        Origin origin = Origin.of(uri);
        Connection connection = reuse ? pool.take(origin).orElse(null) : null;
        if (connection == null) {
            connection = connect(origin);
        }
        if (!abort.attach(connection)) {
            throw new IOException("upstream call aborted");
        }
        try {
            connection.write(head(method, uri, origin, headers, body, connection.viaHttpProxy()), body,
                    (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            return read(method, connection);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw abort.aborted() ? new IOException("upstream call aborted", e) : noAnswer(connection, e);
        } finally {
            abort.detach();
        }
    }

    /** Idle connections, for tests and metrics. */
    public int idleConnections() {
        return pool.idleCount();
    }

    @Override
    public void close() {
        pool.closeAll();
    }

    private static IOException noAnswer(Connection connection, Exception e) {
        boolean cut = e instanceof EOFException
                || e instanceof SocketException && !(e instanceof java.net.ConnectException);
        if (cut && connection.wire().received() == 0 && !(e instanceof SocketTimeoutException)) {
            return new NoAnswerException(connection.origin() + " closed the connection without answering"
                    + (connection.reused() ? " (a kept-alive connection)" : ""), e);
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    private byte[] head(String method, URI uri, Origin origin, Headers headers, byte[] body, boolean viaProxy) {
        StringBuilder h = new StringBuilder(256 + headers.size() * 48);
        String path = Optional.ofNullable(uri.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        h.append(method).append(' ');
        if (viaProxy) {
            h.append("http://").append(origin.authority());
        }
        h.append(path).append(query).append(" HTTP/1.1\r\nHost: ").append(origin.authority()).append("\r\n");
        for (Header header : headers) {
            if (OWN.contains(header.headerName().lowerCase())) {
                continue;
            }
            for (String value : header.allValues()) {
                h.append(header.name()).append(": ").append(value).append("\r\n");
            }
        }
        if (body.length > 0 || BODY_METHODS.contains(method)) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (viaProxy) {
            proxy.flatMap(ProxySpec::authorization).ifPresent(a -> h.append("Proxy-Authorization: ").append(a).append("\r\n"));
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private Http1Response read(String method, Connection connection) throws IOException {
        Wire wire = connection.wire();
        while (true) {
            String statusLine = wire.line();
            int status = status(statusLine);
            WritableHeaders<?> headers = headers(wire);
            if (status >= 100 && status < 200 && status != 101) {
                continue; // 100 Continue, 103 Early Hints: the answer follows
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            String conn = headers.first(HeaderNames.CONNECTION).orElse("").toLowerCase(Locale.ROOT);
            boolean keepAlive = http10 ? conn.contains("keep-alive") : !conn.contains("close");
            return new Http1Response(status, headers, connection, pool, keepAlive, framing(method, status, headers));
        }
    }

    private static int status(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("upstream answered with no HTTP/1.x status line: "
                    + line.substring(0, Math.min(line.length(), 40)));
        }
        try {
            return Integer.parseInt(line, 9, 12, 10);
        } catch (NumberFormatException e) {
            throw new IOException("upstream status is not a number: " + line.substring(0, Math.min(line.length(), 40)));
        }
    }

    private static WritableHeaders<?> headers(Wire wire) throws IOException {
        WritableHeaders<?> headers = WritableHeaders.create();
        int count = 0;
        for (String line = wire.line(); !line.isEmpty(); line = wire.line()) {
            int colon = line.indexOf(':');
            if (colon <= 0 || ++count > MAX_HEADERS) {
                throw new IOException(colon <= 0 ? "upstream sent a malformed header line"
                        : "upstream sent more than " + MAX_HEADERS + " headers");
            }
            headers.add(HeaderNames.create(line.substring(0, colon).strip()), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static Http1Response.Framing framing(String method, int status, Headers headers) throws IOException {
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return new Http1Response.Framing.Empty();
        }
        Optional<String> te = headers.first(HeaderNames.TRANSFER_ENCODING);
        if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Http1Response.Framing.Chunked();
        }
        Optional<String> length = headers.first(HeaderNames.CONTENT_LENGTH);
        if (length.isEmpty()) {
            return new Http1Response.Framing.UntilClose();
        }
        try {
            long n = Long.parseLong(length.get().strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return new Http1Response.Framing.Fixed(n);
        } catch (NumberFormatException e) {
            throw new IOException("upstream Content-Length is not a length: " + length.get());
        }
    }

    private Connection connect(Origin origin) throws IOException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        if (proxy.isEmpty()) {
            return new Connection(origin, tlsIfNeeded(plain(origin.bareHost(), origin.port(), timeout), origin, timeout),
                    false);
        }
        ProxySpec p = proxy.get();
        if (p.type() == ProxySpec.Type.SOCKS5) {
            Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress(p.host(), p.port())));
            try {
                s.setTcpNoDelay(true);
                s.connect(InetSocketAddress.createUnresolved(origin.bareHost(), origin.port()), timeout);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return new Connection(origin, tlsIfNeeded(s, origin, timeout), false);
        }
        Socket toProxy = plain(p.host(), p.port(), timeout);
        if (p.type() == ProxySpec.Type.HTTPS) {
            toProxy = layerTls(toProxy, p.host(), p.port(), timeout);
        }
        if (!origin.tls()) {
            return new Connection(origin, toProxy, true);
        }
        tunnel(toProxy, origin, p, timeout);
        return new Connection(origin, layerTls(toProxy, origin.bareHost(), origin.port(), timeout), false);
    }

    /** {@code CONNECT host:port}: a 2xx answer turns the proxy connection into a byte tunnel. */
    private static void tunnel(Socket socket, Origin origin, ProxySpec p, int timeout) throws IOException {
        try {
            socket.setSoTimeout(timeout);
            String target = origin.host() + ":" + origin.port();
            StringBuilder req = new StringBuilder("CONNECT ").append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(target).append("\r\n");
            p.authorization().ifPresent(a -> req.append("Proxy-Authorization: ").append(a).append("\r\n"));
            req.append("\r\n");
            socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // byte by byte: nothing past the proxy's head may be consumed, it belongs to TLS
            String status = lineUnbuffered(socket);
            for (String line = lineUnbuffered(socket); !line.isEmpty(); line = lineUnbuffered(socket)) {
                // the proxy's headers
            }
            int code = status(status);
            if (code < 200 || code > 299) {
                throw new java.net.ConnectException("proxy " + p + " refused CONNECT " + target + ": " + code);
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static String lineUnbuffered(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        var in = socket.getInputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("proxy closed the connection during CONNECT");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 8192) {
                throw new IOException("proxy answered CONNECT with an overlong line");
            }
        }
        return line.toString();
    }

    private static Socket plain(String host, int port, int timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), timeout);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private Socket tlsIfNeeded(Socket s, Origin origin, int timeout) throws IOException {
        return origin.tls() ? layerTls(s, origin.bareHost(), origin.port(), timeout) : s;
    }

    /** TLS over {@code s}, the peer's name verified against its certificate; the handshake within {@code timeout}. */
    private Socket layerTls(Socket s, String host, int port, int timeout) throws IOException {
        try {
            SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setApplicationProtocols(new String[] {"http/1.1"});
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(timeout);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }
}
