package gproxy.http1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One open connection to an origin (possibly through a proxy tunnel), with its read buffer. */
final class Connection {
    private final Origin origin;
    private final Socket socket;
    private final Wire wire;
    private final OutputStream out;
    private final boolean viaHttpProxy;
    private long idleSince;
    private int uses;

    Connection(Origin origin, Socket socket, boolean viaHttpProxy) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.wire = new Wire(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.viaHttpProxy = viaHttpProxy;
    }

    Origin origin() {
        return origin;
    }

    Wire wire() {
        return wire;
    }

    /** Plain-http requests through an HTTP proxy carry the absolute URI and the proxy's credentials. */
    boolean viaHttpProxy() {
        return viaHttpProxy;
    }

    /** Whether an earlier request ran on it: a failure before any answer may then be a stale reuse. */
    boolean reused() {
        return uses > 1;
    }

    void write(byte[] head, byte[] body, int readTimeoutMillis) throws IOException {
        uses++;
        wire.expectAnswer();
        socket.setSoTimeout(readTimeoutMillis);
        if (body.length > 0 && body.length <= 16 * 1024) {
            byte[] one = new byte[head.length + body.length];
            System.arraycopy(head, 0, one, 0, head.length);
            System.arraycopy(body, 0, one, head.length, body.length);
            out.write(one); // one segment for a small request: nothing waits on the peer's ACK
        } else {
            out.write(head);
            if (body.length > 0) {
                out.write(body);
            }
        }
        out.flush();
    }

    void idle(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    /** Closes the socket; a read blocked on it in another thread fails at once. Never throws. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
