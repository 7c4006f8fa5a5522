package gproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what ordinary clients hide: holding one keep-alive connection
 * across a shutdown, reading a chunked stream chunk by chunk, hanging up mid-stream.
 *
 * <p>Must be closed.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;

    private RawHttp(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.port = port;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawHttp connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(30_000);
        return new RawHttp(socket, port);
    }

    /** How long a read may wait before it fails (30 s unless changed). */
    public RawHttp readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    /** Whether a new TCP connection to {@code port} is accepted right now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public record Head(int status, Map<String, String> headers) {
        public boolean chunked() {
            return "chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""));
        }
    }

    public record Response(Head head, String body) {
        public int status() {
            return head.status();
        }
    }

    public void sendGet(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends a JSON POST with a gateway key as a bearer token (the response is read separately). */
    public void sendPost(String path, String bearer, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /**
     * Sends a request exactly as given: {@code headerLines} as they are (no Host or Content-Length
     * is added for you), then the body. For headers ordinary clients refuse to send.
     */
    public void send(String method, String path, List<String> headerLines, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headerLines.forEach(h -> head.append(h).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** A whole exchange of {@link #send}: the head and the body as far as its framing says. */
    public Response exchange(String method, String path, List<String> headerLines, byte[] body) throws IOException {
        send(method, path, headerLines, body);
        Head head = readHead();
        return new Response(head, readBody(head));
    }

    /** A whole GET exchange on this connection (kept alive unless the server closes it). */
    public Response get(String path) throws IOException {
        sendGet(path);
        Head head = readHead();
        return new Response(head, readBody(head));
    }

    public Head readHead() throws IOException {
        String statusLine = readLine();
        if (statusLine.isEmpty()) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Head(status, headers);
    }

    /** The next chunk of a chunked body as text; empty at the terminating zero chunk. */
    public String readChunk() throws IOException {
        int size = Integer.parseInt(readLine().split(";")[0].strip(), 16);
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw new IOException("stream cut after " + data.length + " of " + size + " bytes of a chunk");
        }
        readLine();
        return new String(data, StandardCharsets.UTF_8);
    }

    public String readBody(Head head) throws IOException {
        if (head.chunked()) {
            StringBuilder body = new StringBuilder();
            for (String chunk = readChunk(); !chunk.isEmpty(); chunk = readChunk()) {
                body.append(chunk);
            }
            return body.toString();
        }
        int length = Integer.parseInt(head.headers().getOrDefault("content-length", "0"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
