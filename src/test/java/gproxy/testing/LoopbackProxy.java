package gproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP forward proxy on a loopback port: {@code CONNECT host:port} opens a byte tunnel, an
 * absolute-URI request is forwarded in origin form. Records every request head it was sent; with
 * {@link #requireAuthorization} it answers 407 to a request without that exact
 * {@code Proxy-Authorization}, and never forwards the header.
 */
public final class LoopbackProxy implements AutoCloseable {
    /** What the proxy was asked: the request line and the {@code Proxy-Authorization} sent, if any. */
    public record Seen(String requestLine, Optional<String> authorization) {
    }

    private final ServerSocket server;
    private final Optional<String> required;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private LoopbackProxy(Optional<String> required) throws IOException {
        this.required = required;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public static LoopbackProxy start() {
        return open(Optional.empty());
    }

    public static LoopbackProxy requireAuthorization(String value) {
        return open(Optional.of(value));
    }

    private static LoopbackProxy open(Optional<String> required) {
        try {
            return new LoopbackProxy(required);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(LoopbackProxy::quietly);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String requestLine = line(in);
            List<String> headers = new ArrayList<>();
            Optional<String> auth = Optional.empty();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)) {
                    auth = Optional.of(h.substring(20).strip());
                } else {
                    headers.add(h);
                }
            }
            seen.add(new Seen(requestLine, auth));
            if (required.isPresent() && !required.equals(auth)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String[] parts = requestLine.split(" ");
            if (parts[0].equals("CONNECT")) {
                String[] hostPort = parts[1].split(":");
                try (Socket target = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    sockets.add(target);
                    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    pipe(client, target);
                }
                return;
            }
            URI uri = URI.create(parts[1]);
            try (Socket target = new Socket(uri.getHost(), uri.getPort())) {
                sockets.add(target);
                StringBuilder head = new StringBuilder(parts[0]).append(' ').append(uri.getRawPath())
                        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(parts[2])
                        .append("\r\n");
                headers.forEach(h -> head.append(h).append("\r\n"));
                head.append("\r\n");
                target.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                pipe(client, target);
            }
        } catch (IOException e) {
            // a side hung up: the exchange is over
        }
    }

    /** Both directions until either side closes; the client's bytes already read stay with us. */
    private static void pipe(Socket client, Socket target) throws IOException {
        Thread up = Thread.ofVirtual().start(() -> copy(client, target));
        copy(target, client);
        quietly(target);
        quietly(client);
        try {
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        }
        quietly(to);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
