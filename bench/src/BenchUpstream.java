import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A fake OpenAI Chat Completions upstream for load tests, fast enough never to be the bottleneck.
 *
 * <p>Run it without a build step: {@code java bench/src/BenchUpstream.java --port P [--chunks 20]
 * [--delay-ms 0]}. {@code POST /v1/chat/completions} answers a fixed completion with usage, or, when
 * the body says {@code "stream":true}, an SSE stream of {@code chunks} deltas {@code delay-ms} apart,
 * a usage chunk and {@code data: [DONE]}. {@code ?chunks=} and {@code ?delay_ms=} override the
 * defaults per request (only useful when calling it directly: a gateway need not forward queries).
 * Each delta carries {@code bench_sent_us}, the wall-clock microsecond it was written, so a client on
 * the same box can tell how long each chunk took to reach it. {@code GET /_bench/stats} counts what
 * was served, and as {@code relayed} the chat requests that carried {@code Bearer <relay-key>} (the
 * credential a gateway is given; default {@code sk-bench-upstream}), i.e. what came through it.
 *
 * <p>Why raw sockets rather than {@code com.sun.net.httpserver}: one virtual thread per connection
 * with precomputed response bytes does several times the work per core of the JDK server, and lets
 * each SSE event be flushed as its own HTTP chunk. Only what a load generator and an HTTP/1.1 client
 * send is understood: keep-alive, Content-Length or chunked request bodies.
 */
public final class BenchUpstream {
    private static final Pattern STREAM_TRUE = Pattern.compile("\"stream\"\\s*:\\s*true");
    private static final byte[] COMPLETION = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"gpt-bench",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the bench upstream."},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":25,"completion_tokens":18,"total_tokens":43}}"""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMPLETION_RESPONSE = concat(ascii("HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json\r\nContent-Length: " + COMPLETION.length + "\r\n\r\n"), COMPLETION);
    private static final byte[] STREAM_HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n");
    private static final byte[] NOT_FOUND = ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

    private final int defaultChunks;
    private final long defaultDelayMs;
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong streamsCompleted = new AtomicLong();
    private final AtomicLong brokenRequests = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private final String relayAuthorization;

    private BenchUpstream(int defaultChunks, long defaultDelayMs, String relayKey) {
        this.defaultChunks = defaultChunks;
        this.defaultDelayMs = defaultDelayMs;
        this.relayAuthorization = "Bearer " + relayKey;
    }

    public static void main(String[] args) throws IOException {
        int port = 0;
        int chunks = 20;
        long delayMs = 0;
        String relayKey = "sk-bench-upstream";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--chunks" -> chunks = Integer.parseInt(args[++i]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[++i]);
                case "--relay-key" -> relayKey = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (expected: --port P [--chunks N] [--delay-ms MS] [--relay-key K])");
            }
        }
        // A deep backlog: thousands of streams connect at once in the concurrency test.
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8192);
        System.out.println("bench upstream listening on http://127.0.0.1:" + server.getLocalPort()
                + " chunks=" + chunks + " delay-ms=" + delayMs);
        new BenchUpstream(chunks, delayMs, relayKey).serve(server);
    }

    private void serve(ServerSocket server) throws IOException {
        while (true) {
            Socket socket = server.accept();
            Thread.ofVirtual().start(() -> connection(socket));
        }
    }

    private void connection(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Input in = new Input(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (exchange(in, out)) {
                // keep-alive: next request on the same connection
            }
        } catch (MalformedRequest e) {
            // Counted and shown: when a client through the gateway sees an error, this says whether
            // the upstream was the one that could not make sense of the request.
            if (brokenRequests.incrementAndGet() <= 5) {
                System.err.println("bench upstream: " + e.getMessage());
            }
        } catch (IOException | InterruptedException e) {
            // The client went away (the end of every wrk run); nothing to report.
        }
    }

    /** Serves one request; false when the connection is done. */
    private boolean exchange(Input in, OutputStream out) throws IOException, InterruptedException {
        Request request = Request.read(in);
        if (request == null) {
            return false;
        }
        boolean chat = request.method.equals("POST") && request.path.equals("/v1/chat/completions");
        if (chat && request.authorization.equals(relayAuthorization)) {
            relayed.incrementAndGet(); // came through the gateway: it sends the credential's key
        }
        if (request.method.equals("GET") && request.path.equals("/_bench/stats")) {
            stats(out);
        } else if (!chat) {
            out.write(NOT_FOUND);
        } else if (STREAM_TRUE.matcher(request.body).find()) {
            stream(out, request.intParam("chunks", defaultChunks), request.intParam("delay_ms", defaultDelayMs));
        } else {
            completions.incrementAndGet();
            out.write(COMPLETION_RESPONSE);
        }
        out.flush();
        return !request.close;
    }

    private void stats(OutputStream out) throws IOException {
        byte[] body = ascii("{\"completions\":" + completions.get() + ",\"streams\":" + streams.get()
                + ",\"streams_completed\":" + streamsCompleted.get() + ",\"relayed\":" + relayed.get()
                + ",\"broken_requests\":" + brokenRequests.get() + "}");
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n"));
        out.write(body);
    }

    private void stream(OutputStream out, long chunks, long delayMs) throws IOException, InterruptedException {
        streams.incrementAndGet();
        out.write(STREAM_HEAD);
        event(out, "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}],\"bench_sent_us\":" + nowMicros() + "}");
        for (long i = 1; i < chunks; i++) {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            event(out, "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"},"
                    + "\"finish_reason\":null}],\"bench_sent_us\":" + nowMicros() + "}");
        }
        event(out, "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-bench\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":" + chunks + ",\"total_tokens\":"
                + (25 + chunks) + "}}");
        chunk(out, ascii("data: [DONE]\n\n"));
        out.write(ascii("0\r\n\r\n"));
        streamsCompleted.incrementAndGet();
    }

    /** One SSE event as one HTTP chunk, flushed so it leaves now, not with the next one. */
    private static void event(OutputStream out, String json) throws IOException {
        chunk(out, ascii("data: " + json + "\n\n"));
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write(ascii(Integer.toHexString(data.length) + "\r\n"));
        out.write(data);
        out.write(ascii("\r\n"));
        out.flush();
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A buffered reader of the socket without {@code BufferedInputStream}'s per-call lock: the
     * request head is read a byte at a time, and that lock was a visible share of the CPU.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buf = new byte[16 * 1024];
        private int pos;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        byte[] readNBytes(int n) throws IOException {
            byte[] out = new byte[n];
            int done = 0;
            while (done < n) {
                if (pos == limit && !fill()) {
                    throw new IOException("eof after " + done + " of " + n + " body bytes");
                }
                int take = Math.min(n - done, limit - pos);
                System.arraycopy(buf, pos, out, done, take);
                pos += take;
                done += take;
            }
            return out;
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }
    }

    /** A request this server cannot parse (as opposed to a client that went away). */
    private static final class MalformedRequest extends IOException {
        MalformedRequest(String message) {
            super(message);
        }
    }

    /** The parts of a request this server looks at. */
    private record Request(String method, String path, String query, String authorization, String body,
                           boolean close) {
        static Request read(Input in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return null;
            }
            String[] parts = requestLine.split(" ", 3);
            if (parts.length < 3) {
                throw new MalformedRequest("bad request line: " + requestLine);
            }
            long length = 0;
            boolean chunked = false;
            boolean close = parts[2].equals("HTTP/1.0");
            String authorization = "";
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = number(value, 10);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "authorization" -> authorization = value;
                    default -> { }
                }
            }
            byte[] body = chunked ? readChunked(in) : in.readNBytes((int) length);
            int q = parts[1].indexOf('?');
            String path = q < 0 ? parts[1] : parts[1].substring(0, q);
            String query = q < 0 ? "" : parts[1].substring(q + 1);
            return new Request(parts[0], path, query, authorization, new String(body, StandardCharsets.UTF_8), close);
        }

        long intParam(String name, long fallback) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Long.parseLong(pair.substring(name.length() + 1));
                }
            }
            return fallback;
        }

        private static byte[] readChunked(Input in) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in);
                if (sizeLine == null) {
                    throw new IOException("eof in chunked body");
                }
                int semi = sizeLine.indexOf(';');
                int size = (int) number((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    while (true) { // trailers up to the empty line
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        }

        private static long number(String text, int radix) throws MalformedRequest {
            try {
                return Long.parseLong(text, radix);
            } catch (NumberFormatException e) {
                throw new MalformedRequest("not a number: " + text);
            }
        }

        /** A CRLF- (or LF-) terminated line without its terminator; null at end of stream. */
        private static String line(Input in) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int end = sb.length();
                    if (end > 0 && sb.charAt(end - 1) == '\r') {
                        sb.setLength(end - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) b);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
    }
}
