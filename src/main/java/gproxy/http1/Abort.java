package gproxy.http1;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets another thread cut a call in flight — before its answer's head, say, when the client that
 * asked for it has hung up. Aborting closes the call's connection, so a blocked connect, write or
 * read fails at once; a call started after the abort fails before it connects.
 */
public final class Abort {
    private static final Connection ABORTED = null;

    private final AtomicReference<Connection> current = new AtomicReference<>();
    private volatile boolean aborted;

    public void abort() {
        aborted = true;
        Connection c = current.getAndSet(ABORTED);
        if (c != null) {
            c.close();
        }
    }

    public boolean aborted() {
        return aborted;
    }

    /** Registers the connection a call now uses; false (and it is closed) when already aborted. */
    boolean attach(Connection connection) {
        current.set(connection);
        if (aborted) {
            connection.close();
            return false;
        }
        return true;
    }

    /** The call has its answer (or failed): from here on the response's own close() cuts it. */
    void detach() {
        current.set(null);
    }
}
