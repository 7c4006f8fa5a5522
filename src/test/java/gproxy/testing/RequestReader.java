package gproxy.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one HTTP/1.1 request: request line, headers, and a body framed by {@code Content-Length}
 * or chunked transfer encoding (trailers read and dropped). Answers {@code Expect: 100-continue}.
 * Strict enough to catch a client that frames badly, lenient about nothing else.
 */
final class RequestReader {
    private static final int MAX_LINE = 64 * 1024;
    private static final long MAX_BODY = 64L * 1024 * 1024;

    /** The parts of a request before it gets its place on the server. */
    record Parsed(String method, String target, Map<String, List<String>> headers, byte[] body) {
        boolean wantsClose() {
            return headerValue("connection").map(v -> v.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
        }

        Optional<String> headerValue(String lowerName) {
            return Optional.ofNullable(headers.get(lowerName)).flatMap(v -> v.stream().findFirst());
        }
    }

    private RequestReader() {
    }

    /** The next request, or empty when the client closed the connection between requests. */
    static Optional<Parsed> read(InputStream in, OutputStream out) throws IOException {
        Optional<String> requestLine = line(in, true);
        while (requestLine.isPresent() && requestLine.get().isEmpty()) {
            // RFC 9112 §2.2: ignore empty lines before a request line.
            requestLine = line(in, true);
        }
        if (requestLine.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = requestLine.get().split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("bad request line: " + requestLine.get());
        }
        Map<String, List<String>> headers = headers(in);
        Parsed head = new Parsed(parts[0], parts[1], headers, new byte[0]);
        if (head.headerValue("expect").filter("100-continue"::equalsIgnoreCase).isPresent()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1));
            out.flush();
        }
        return Optional.of(new Parsed(parts[0], parts[1], headers, body(in, head)));
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = required(in); !line.isEmpty(); line = required(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static byte[] body(InputStream in, Parsed head) throws IOException {
        if (head.headerValue("transfer-encoding").filter(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                .isPresent()) {
            return chunked(in);
        }
        Optional<String> length = head.headerValue("content-length");
        if (length.isEmpty()) {
            return new byte[0];
        }
        long n = Long.parseLong(length.get());
        if (n < 0 || n > MAX_BODY) {
            throw new IOException("content-length: " + n + " (expected: 0.." + MAX_BODY + ")");
        }
        return exactly(in, (int) n);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = required(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                break;
            }
            if (body.size() + (long) size > MAX_BODY) {
                throw new IOException("chunked body exceeds " + MAX_BODY + " bytes");
            }
            body.writeBytes(exactly(in, size));
            if (!required(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        while (!required(in).isEmpty()) {
            // trailers: read and dropped
        }
        return body.toByteArray();
    }

    private static byte[] exactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("body ended after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static String required(InputStream in) throws IOException {
        return line(in, false).orElseThrow(() -> new EOFException("connection closed inside a request"));
    }

    /** A line without its CRLF (or bare LF); empty Optional at end of stream before any byte. */
    private static Optional<String> line(InputStream in, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0 && eofAllowed) {
                    return Optional.empty();
                }
                throw new EOFException("connection closed inside a request line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return Optional.of(new String(bytes, 0, end, ISO_8859_1));
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("request line or header over " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
