package gproxy.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.LoopbackProxy;
import io.helidon.http.WritableHeaders;

/** Upstream calls through a real loopback proxy: absolute URIs for http, a CONNECT tunnel for https. */
class Http1ClientProxyTest {
    private static final String CREDENTIALS = "Basic dTpwQHNz"; // u:p@ss
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static SSLContext tls;
    private static SSLServerSocket tlsServer;

    @BeforeAll
    static void tlsUpstream() throws Exception {
        Path store = dir.resolve("upstream.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-alias", "upstream", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "san=dns:localhost",
                "-validity", "2").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ks, "secret".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(ks);
        tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        tlsServer = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(Http1ClientProxyTest::serveTls);
    }

    @AfterAll
    static void stopTls() throws IOException {
        tlsServer.close();
    }

    /** Answers each request on the TLS port with "ok over tls", keeping the connection. */
    private static void serveTls() {
        while (!tlsServer.isClosed()) {
            try {
                Socket s = tlsServer.accept();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        while (readHead(in)) {
                            out.write("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nok over tls"
                                    .getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads one GET head; false at end of stream. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        return false;
    }

    private static Http1Client client(String proxyUrl) {
        return new Http1Client(TIMEOUT, Optional.of(ProxySpec.parse(proxyUrl)), tls.getSocketFactory(), 8,
                Duration.ofSeconds(30));
    }

    private static String body(Http1Response res) throws IOException {
        return new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aPlainHttpUpstreamIsCalledThroughTheProxyWithAnAbsoluteUriAndTheProxysCredentialsOnly() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requireAuthorization(CREDENTIALS);
             FakeUpstream upstream = FakeUpstream.start();
             Http1Client client = client("http://u:p%40ss@127.0.0.1:" + proxy.port())) {
            upstream.enqueue(FakeResponse.json("{\"ok\":1}")).enqueue(FakeResponse.json("{\"ok\":2}"));
            URI uri = upstream.url("/v1/chat/completions?x=1");

            for (String expected : new String[] {"{\"ok\":1}", "{\"ok\":2}"}) {
                try (Http1Response res = client.send("POST", uri, WritableHeaders.create(), "{}".getBytes(),
                        TIMEOUT, true, new Abort())) {
                    assertThat(res.status()).isEqualTo(200);
                    assertThat(body(res)).isEqualTo(expected);
                }
            }

            assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::requestLine)
                    .as("absolute URI, kept alive through the proxy")
                    .containsExactly("POST http://127.0.0.1:" + upstream.port() + "/v1/chat/completions?x=1 HTTP/1.1");
            assertThat(proxy.seen().getFirst().authorization()).contains(CREDENTIALS);
            var first = upstream.takeRequest();
            assertThat(first.path()).as("the proxy's origin-form rewrite").isEqualTo("/v1/chat/completions");
            assertThat(first.header("Proxy-Authorization")).as("never forwarded").isEmpty();
        }
    }

    @Test
    void anHttpsUpstreamIsReachedThroughAConnectTunnelAndItsCertificateIsStillVerified() throws IOException {
        try (LoopbackProxy proxy = LoopbackProxy.requireAuthorization(CREDENTIALS);
             Http1Client client = client("http://u:p%40ss@127.0.0.1:" + proxy.port())) {
            URI uri = URI.create("https://localhost:" + tlsServer.getLocalPort() + "/v1/models");

            try (Http1Response res = client.send("GET", uri, WritableHeaders.create(), new byte[0], TIMEOUT, true,
                    new Abort())) {
                assertThat(res.status()).isEqualTo(200);
                assertThat(body(res)).isEqualTo("ok over tls");
            }

            assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::requestLine)
                    .containsExactly("CONNECT localhost:" + tlsServer.getLocalPort() + " HTTP/1.1");
            assertThat(proxy.seen().getFirst().authorization()).contains(CREDENTIALS);
        }
        try (LoopbackProxy proxy = LoopbackProxy.start();
             Http1Client untrusting = new Http1Client(TIMEOUT, Optional.of(ProxySpec.parse("http://127.0.0.1:"
                     + proxy.port())))) {
            URI uri = URI.create("https://localhost:" + tlsServer.getLocalPort() + "/v1/models");
            assertThatThrownBy(() -> untrusting.send("GET", uri, WritableHeaders.create(), new byte[0], TIMEOUT, true,
                    new Abort())).as("the tunnel does not replace the upstream's certificate check")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aProxyThatRefusesTheCredentialsFailsTheConnectAsATransportError() {
        try (LoopbackProxy proxy = LoopbackProxy.requireAuthorization(CREDENTIALS);
             Http1Client client = client("http://u:wrong@127.0.0.1:" + proxy.port())) {
            URI uri = URI.create("https://localhost:" + tlsServer.getLocalPort() + "/v1/models");

            assertThatThrownBy(() -> client.send("GET", uri, WritableHeaders.create(), new byte[0], TIMEOUT, true,
                    new Abort())).isInstanceOf(java.net.ConnectException.class).hasMessageContaining("407");
        }
    }

    @Test
    void v2sHostPortUserPassIsAnHttpProxyAndCredentialsStayOutOfItsText() {
        ProxySpec spec = ProxySpec.parse("10.0.0.1:3128:u:p@ss");

        assertThat(spec.type()).isEqualTo(ProxySpec.Type.HTTP);
        assertThat(spec.port()).isEqualTo(3128);
        assertThat(spec.authorization()).contains(CREDENTIALS);
        assertThat(spec.toString()).doesNotContain("p@ss").contains("with credentials");
        assertThatThrownBy(() -> ProxySpec.parse("socks5://u:p@10.0.0.1:1080"))
                .hasMessageContaining("socks5");
    }
}
