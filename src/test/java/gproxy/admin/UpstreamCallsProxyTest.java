package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import gproxy.channel.UpstreamRequest;
import gproxy.http1.ProxySpec;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.LoopbackProxy;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;

/** The admin model pull goes out through {@code routing.upstream-proxy-url} as the data plane does. */
class UpstreamCallsProxyTest {

    @Test
    void theModelPullGoesThroughTheConfiguredProxyWithItsCredentials() {
        try (LoopbackProxy proxy = LoopbackProxy.requireAuthorization("Basic dTpw");
             FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(FakeResponse.json("{\"data\":[]}"));
            UpstreamCalls calls = new UpstreamCalls(Optional.of(ProxySpec.parse("http://u:p@127.0.0.1:" + proxy.port())));

            UpstreamCalls.Answer answer = calls.send(new UpstreamRequest(Method.GET, upstream.url("/v1/models"),
                    WritableHeaders.create(), new byte[0], false));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":[]}");
            assertThat(proxy.seen()).extracting(LoopbackProxy.Seen::requestLine)
                    .containsExactly("GET http://127.0.0.1:" + upstream.port() + "/v1/models HTTP/1.1");
            assertThat(upstream.takeRequest().header("Proxy-Authorization")).isEmpty();
        }
    }

    @Test
    void theModelPullGoesThroughASocks5Proxy() throws IOException {
        try (Socks5Proxy proxy = new Socks5Proxy(); FakeUpstream upstream = FakeUpstream.start()) {
            upstream.enqueue(FakeResponse.json("{\"data\":[{\"id\":\"m\"}]}"));
            UpstreamCalls calls = new UpstreamCalls(Optional.of(ProxySpec.parse("socks5://127.0.0.1:" + proxy.port())));

            UpstreamCalls.Answer answer = calls.send(new UpstreamRequest(Method.GET, upstream.url("/v1/models"),
                    WritableHeaders.create(), new byte[0], false));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"m\"");
            assertThat(proxy.targets).containsExactly("127.0.0.1:" + upstream.port());
        }
    }

    /** A minimal SOCKS5 proxy (no authentication, CONNECT only) that records where it was asked to go. */
    private static final class Socks5Proxy implements AutoCloseable {
        final List<String> targets = new CopyOnWriteArrayList<>();
        private final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());

        Socks5Proxy() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Thread.ofVirtual().start(() -> serve(client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve(Socket client) {
            try (client) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream();
                in.readUnsignedByte(); // version 5
                in.readNBytes(in.readUnsignedByte()); // offered methods
                out.write(new byte[] {5, 0});
                in.readUnsignedByte();
                in.readUnsignedByte(); // CONNECT
                in.readUnsignedByte();
                String host = switch (in.readUnsignedByte()) {
                    case 1 -> java.net.InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                    case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                    default -> java.net.InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                };
                int port = in.readUnsignedShort();
                targets.add(host + ":" + port);
                try (Socket upstream = new Socket(host, port)) {
                    out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                    out.flush();
                    Thread pump = Thread.ofVirtual().start(() -> copy(upstream, client));
                    copy(client, upstream);
                    pump.join();
                }
            } catch (IOException | InterruptedException e) {
                // the exchange is over
            }
        }

        private static void copy(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                in.transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // one side closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
