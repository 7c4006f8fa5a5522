package gproxy.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One RESP command over a plain socket, to look at what the backend stored without going through it. */
final class RawRedis {
    private RawRedis() {
    }

    /** Sends the command and returns the first line of the reply ({@code :42}, {@code +OK}, …). */
    static String command(Socket socket, String... parts) throws IOException {
        StringBuilder out = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        OutputStream os = socket.getOutputStream();
        os.write(out.toString().getBytes(StandardCharsets.UTF_8));
        os.flush();
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
