package gproxy.testing;

/**
 * How a {@link FakeResponse} misbehaves, modelled on OkHttp's {@code SocketPolicy}. "Events" are the
 * body's parts: one per SSE event or JSON-array element, one for a plain body. A disconnect closes
 * the socket without finishing the body (no terminating chunk), which clients see as a premature
 * end of stream. A stall holds the socket open and silent until {@link FakeUpstream#releaseStalls()},
 * the client hangs up, or the server closes.
 */
public sealed interface Fault {

    /** Status line and headers, then the connection closes. */
    record DisconnectAfterHeaders() implements Fault {
    }

    /** {@code events} parts written and flushed, then the connection closes. */
    record DisconnectAfterEvents(int events) implements Fault {
        public DisconnectAfterEvents {
            if (events < 0) {
                throw new IllegalArgumentException("events: " + events + " (expected: >= 0)");
            }
        }
    }

    /** Exactly {@code bytes} body bytes written (chunk framing not counted), then the connection closes. */
    record DisconnectAfterBytes(long bytes) implements Fault {
        public DisconnectAfterBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
            }
        }
    }

    /** Status line and headers, then silence. */
    record StallAfterHeaders() implements Fault {
    }

    /** {@code events} parts written, then silence; after a release the rest follows. */
    record StallAfterEvents(int events) implements Fault {
        public StallAfterEvents {
            if (events < 0) {
                throw new IllegalArgumentException("events: " + events + " (expected: >= 0)");
            }
        }
    }

    /** The request is read and never answered, not even with a status line. */
    record NoResponse() implements Fault {
    }

    /**
     * The request is read, then the connection closes without a byte of answer: what a client sees
     * when it reuses a kept-alive connection the server has just closed.
     */
    record CloseWithoutResponse() implements Fault {
    }
}
