package gproxy.logs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import gproxy.snapshot.Snapshot;
import gproxy.store.AppendQueue;
import gproxy.store.Store;
import io.helidon.webserver.http.ServerRequest;

/**
 * The process's request-log writer: opens the {@link RequestLog} of a data-plane request when its
 * snapshot's switches log anything, and appends the finished rows through its own bounded
 * {@link AppendQueue} (group-committed; a writer that falls behind makes requests wait at their end
 * rather than grow memory; flushed at close).
 *
 * <p>Must be closed.
 */
public final class RequestLogs implements AutoCloseable {
    private static final Logger LOG = System.getLogger(RequestLogs.class.getName());
    /** Kept per body and direction (v4's cap); the rest is counted and marked. */
    public static final int DEFAULT_BODY_CAP = 64 * 1024;
    private static final int BATCH = 500;
    private static final int BACKLOG = 8_192;

    private final AppendQueue queue;
    private final Clock clock;
    private final Function<ServerRequest, String> clientIp;
    private final int bodyCap;

    /** @param clientIp the caller's address as the trusted-proxy rules resolve it */
    public RequestLogs(Store store, Clock clock, Function<ServerRequest, String> clientIp, int bodyCap) {
        this.queue = AppendQueue.bounded(store, BATCH, Duration.ofMillis(50), BACKLOG, "gproxy-request-logs");
        this.clock = clock;
        this.clientIp = clientIp;
        this.bodyCap = bodyCap;
    }

    /** The request's log, registered in its context; empty (and nothing registered) when nothing is logged. */
    public Optional<RequestLog> open(Snapshot snapshot, ServerRequest req, String requestId) {
        LogSwitches switches = LogSwitches.of(snapshot);
        if (!switches.any()) {
            return Optional.empty();
        }
        RequestLog log = new RequestLog(switches, requestId, bodyCap, clock, req, clientIp.apply(req));
        req.context().register(RequestLog.class, log);
        return Optional.of(log);
    }

    /** Queues the rows of a request that ended with {@code status}; never throws. */
    public void write(RequestLog log, int status) {
        try {
            log.finish(status).forEach(entry -> queue.offer(entry.table(), entry.row()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request log rows dropped: " + e);
        }
    }

    /** Writes what is queued (admin reads flush first, so an operator sees the request just made). */
    public void flush() {
        queue.flush();
    }

    public long pending() {
        return queue.pending();
    }

    @Override
    public void close() {
        queue.close();
    }
}
