package gproxy.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import gproxy.testing.FakeConnection.Wait;

/**
 * Writes one {@link FakeResponse} with its timing and fault, counting parts and body bytes so a
 * client hangup can be reported as exactly as the socket allows.
 */
final class ResponseWriter {
    /** Thrown inside the writer when the exchange must end now; {@code hungUp} says who ended it. */
    private static final class Stop extends Exception {
        final boolean hungUp;

        Stop(boolean hungUp) {
            super(null, null, false, false);
            this.hungUp = hungUp;
        }
    }

    private final FakeConnection connection;
    private final RecordedRequest request;
    private int events;
    private long bytes;

    ResponseWriter(FakeConnection connection, RecordedRequest request) {
        this.connection = connection;
        this.request = request;
    }

    /** Writes the response; true when the connection may carry another request. */
    boolean write(FakeResponse response) {
        try {
            body(response);
            return response.headers().stream().noneMatch(h -> h.name().equalsIgnoreCase("connection")
                    && h.value().equalsIgnoreCase("close"));
        } catch (Stop stop) {
            if (stop.hungUp) {
                connection.hungUp(new Hangup(request, events, bytes));
            }
            connection.cut();
            return false;
        }
    }

    private void body(FakeResponse response) throws Stop {
        Fault fault = response.fault().orElse(null);
        pause(response.headersDelay());
        if (fault instanceof Fault.CloseWithoutResponse) {
            throw new Stop(false);
        }
        if (fault instanceof Fault.NoResponse) {
            await(connection.idle(Optional.empty(), false));
        }
        head(response);
        if (fault instanceof Fault.DisconnectAfterHeaders) {
            throw new Stop(false);
        }
        if (fault instanceof Fault.StallAfterHeaders) {
            await(connection.idle(Optional.empty(), true));
        }
        for (int i = 0; i < response.parts().size(); i++) {
            if (i > 0) {
                pause(response.drip());
            }
            if (fault instanceof Fault.DisconnectAfterEvents d && d.events() == i) {
                throw new Stop(false);
            }
            if (fault instanceof Fault.StallAfterEvents s && s.events() == i) {
                await(connection.idle(Optional.empty(), true));
            }
            part(response, response.parts().get(i), fault);
            events++;
        }
        if (fault instanceof Fault.DisconnectAfterEvents || fault instanceof Fault.DisconnectAfterBytes) {
            // Asked to cut at or past the end: still never finish the body properly.
            throw new Stop(false);
        }
        if (response.chunked()) {
            send("0\r\n\r\n".getBytes(ISO_8859_1));
        }
        flush();
    }

    private void head(FakeResponse response) throws Stop {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.status()).append(' ')
                .append(Reasons.of(response.status())).append("\r\n");
        response.headers().forEach(h -> head.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        boolean hasLength = response.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("content-length"));
        if (response.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!hasLength) {
            head.append("Content-Length: ").append(response.bodyBytes().length).append("\r\n");
        }
        send(head.append("\r\n").toString().getBytes(ISO_8859_1));
        flush();
    }

    /** One part: its own chunk when chunked, sliced by the throttle, cut short by a byte budget. */
    private void part(FakeResponse response, byte[] data, Fault fault) throws Stop {
        if (response.chunked()) {
            send((Integer.toHexString(data.length) + "\r\n").getBytes(ISO_8859_1));
        }
        int slice = response.throttle().map(FakeResponse.Throttle::bytesPerPeriod).orElse(Math.max(1, data.length));
        for (int off = 0; off < data.length; off += slice) {
            if (off > 0) {
                pause(response.throttle().map(FakeResponse.Throttle::period).orElse(Duration.ZERO));
            }
            int len = Math.min(slice, data.length - off);
            if (fault instanceof Fault.DisconnectAfterBytes d && bytes + len >= d.bytes()) {
                sendBody(data, off, (int) (d.bytes() - bytes));
                flush();
                throw new Stop(false);
            }
            sendBody(data, off, len);
            if (response.throttle().isPresent()) {
                flush();
            }
        }
        if (response.chunked()) {
            send("\r\n".getBytes(ISO_8859_1));
        }
        flush();
    }

    private void pause(Duration duration) throws Stop {
        if (!duration.isZero() && !duration.isNegative()) {
            await(connection.idle(Optional.of(duration), false));
        }
    }

    private static void await(Wait wait) throws Stop {
        switch (wait) {
            case ELAPSED, RELEASED -> {
            }
            case HUNG_UP -> throw new Stop(true);
            case SERVER_CLOSED -> throw new Stop(false);
        }
    }

    private void sendBody(byte[] data, int off, int len) throws Stop {
        write(data, off, len);
        bytes += len;
    }

    private void send(byte[] data) throws Stop {
        write(data, 0, data.length);
    }

    private void write(byte[] data, int off, int len) throws Stop {
        try {
            connection.out().write(data, off, len);
        } catch (IOException e) {
            throw new Stop(!connection.serverClosed());
        }
    }

    private void flush() throws Stop {
        try {
            connection.out().flush();
        } catch (IOException e) {
            throw new Stop(!connection.serverClosed());
        }
    }
}
