package gproxy.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * One accepted connection: reads requests and answers them in turn for as long as both sides keep
 * it alive. Owns the waiting primitive every delay, drip, throttle and stall uses, which watches
 * the socket while it waits so a client that hangs up is noticed at once, not at the next write.
 */
final class FakeConnection implements Runnable {
    /** How a wait ended. */
    enum Wait { ELAPSED, RELEASED, HUNG_UP, SERVER_CLOSED }

    private static final int POLL_MILLIS = 20;

    private final FakeUpstream server;
    private final Socket socket;
    private final int id;
    private BufferedInputStream in;
    private BufferedOutputStream out;

    FakeConnection(FakeUpstream server, Socket socket, int id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
    }

    @Override
    public void run() {
        try (socket) {
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
            while (!server.isClosed()) {
                socket.setSoTimeout(0);
                Optional<RequestReader.Parsed> parsed = RequestReader.read(in, out);
                if (parsed.isEmpty()) {
                    return;
                }
                RecordedRequest request = server.record(parsed.get(), id);
                boolean keepAlive;
                server.writing().incrementAndGet();
                try {
                    keepAlive = new ResponseWriter(this, request).write(server.responseFor(request));
                } finally {
                    server.writing().decrementAndGet();
                }
                if (!keepAlive || parsed.get().wantsClose()) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away mid-request, or the server closed: nothing to answer.
        } finally {
            server.closed(this);
        }
    }

    BufferedOutputStream out() {
        return out;
    }

    void hungUp(Hangup hangup) {
        server.hungUp(hangup);
    }

    boolean serverClosed() {
        return server.isClosed();
    }

    /** Ends the connection abruptly: whatever was flushed is all the client gets. */
    void cut() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket we are abandoning; nothing to do about a failure.
        }
    }

    void closeFromServer() {
        cut();
    }

    /**
     * Waits {@code duration} (forever when empty) while watching for the client hanging up; when
     * {@code releasable}, {@link FakeUpstream#releaseStalls()} ends the wait too.
     */
    Wait idle(Optional<Duration> duration, boolean releasable) {
        long deadline = duration.map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        long generation = server.stalls().generation();
        while (true) {
            if (server.isClosed()) {
                return Wait.SERVER_CLOSED;
            }
            if (releasable && server.stalls().generation() != generation) {
                return Wait.RELEASED;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 && deadline != Long.MAX_VALUE) {
                return Wait.ELAPSED;
            }
            Optional<Wait> seen = watch((int) Math.max(1, Math.min(left, POLL_MILLIS)));
            if (seen.isPresent()) {
                return seen.get();
            }
        }
    }

    /** Reads for up to {@code millis}: end of stream or a reset means the client is gone. */
    private Optional<Wait> watch(int millis) {
        try {
            socket.setSoTimeout(millis);
            in.mark(1);
            int b = in.read();
            if (b < 0) {
                return Optional.of(Wait.HUNG_UP);
            }
            // A pipelined request: leave it for the next read and just sleep out this slice.
            in.reset();
            Thread.sleep(millis);
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.of(server.isClosed() ? Wait.SERVER_CLOSED : Wait.HUNG_UP);
        } catch (IOException e) {
            return Optional.of(Wait.HUNG_UP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(Wait.SERVER_CLOSED);
        }
    }
}
