package gproxy.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scriptable HTTP/1.1 upstream on a loopback port, after OkHttp's {@code MockWebServer}: tests
 * {@link #enqueue} responses (or set a {@link #dispatcher}), point the gateway at {@link #url()},
 * then {@link #takeRequest()} what arrived. Plain {@link ServerSocket} and one virtual thread per
 * connection, so faults are exact: a disconnect cuts at a known byte, a stall sends nothing at all.
 *
 * <p>Keep-alive is honoured; chunked request bodies are accepted. A request that finds nothing
 * enqueued gets a 500 naming it, so a forgotten {@code enqueue} fails loudly instead of hanging.
 *
 * <p>To prove a client stopped reading, give the stream a {@link FakeResponse#drip} or a stall:
 * without one a small body fits in the socket buffers before anyone reads it, and every write
 * succeeds. With one, the fake watches the socket while it waits and reports the hangup at once
 * ({@link #awaitClientDisconnect}).
 *
 * <p>Must be closed: {@link #close()} stops the listener and every connection, and fails if a
 * connection thread outlives it (the leak check).
 */
public final class FakeUpstream implements AutoCloseable {
    private static final Duration DEFAULT_TAKE = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final Thread acceptor;
    private final BlockingQueue<FakeResponse> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Hangup> hangups = new LinkedBlockingQueue<>();
    private final Set<FakeConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger writing = new AtomicInteger();
    private final Stalls stalls = new Stalls();
    private volatile Function<RecordedRequest, FakeResponse> dispatcher;
    private volatile boolean closed;

    private FakeUpstream(ServerSocket listener) {
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("fake-upstream-accept-" + listener.getLocalPort()).start(this::accept);
    }

    /** Starts a server on an ephemeral loopback port. */
    public static FakeUpstream start() {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            return new FakeUpstream(listener);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
    }

    /**
     * A loopback URL nobody listens on, for connection-refused tests: a port that was bound and
     * closed again (another process could take it in between; on a test machine that is rare).
     */
    public static URI refusedUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free loopback port", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:port}, no trailing slash. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI url(String pathAndQuery) {
        return URI.create(url() + pathAndQuery);
    }

    /** Queues a response for the next request (first in, first out). */
    public FakeUpstream enqueue(FakeResponse response) {
        queue.add(response);
        return this;
    }

    /** Answers every request with {@code answer} instead of the queue (load tests, routing by path). */
    public FakeUpstream dispatcher(Function<RecordedRequest, FakeResponse> answer) {
        this.dispatcher = answer;
        return this;
    }

    /** The next request received, waiting up to 5 s; fails the test when none came. */
    public RecordedRequest takeRequest() {
        return takeRequest(DEFAULT_TAKE).orElseThrow(() -> new AssertionError("no request reached the fake upstream"
                + " within " + DEFAULT_TAKE.toSeconds() + " s"));
    }

    public Optional<RecordedRequest> takeRequest(Duration timeout) {
        return poll(requests, timeout);
    }

    /** Requests received so far, taken or not. */
    public int requestCount() {
        return requestCount.get();
    }

    /** Connections accepted so far; fewer than {@link #requestCount()} means keep-alive reuse. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** Connections open right now. */
    public int openConnections() {
        return open.size();
    }

    /** Responses being written right now (a stalled or dripping one counts until it ends). */
    public int responsesInProgress() {
        return writing.get();
    }

    /**
     * The next response the client abandoned — closed while the fake was writing, dripping or
     * stalling — waiting up to {@code timeout}; empty if none did.
     */
    public Optional<Hangup> awaitClientDisconnect(Duration timeout) {
        return poll(hangups, timeout);
    }

    /** Lets every stall that has begun go on (see {@link Fault.StallAfterHeaders}). */
    public void releaseStalls() {
        stalls.release();
    }

    /** Stops the listener and every connection; fails if a connection thread does not end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stalls.release();
        try {
            listener.close();
        } catch (IOException e) {
            // Closing; the accept loop ends either way.
        }
        open.forEach(FakeConnection::closeFromServer);
        join(acceptor);
        threads.forEach(FakeUpstream::join);
        long alive = threads.stream().filter(Thread::isAlive).count() + (acceptor.isAlive() ? 1 : 0);
        if (alive > 0 || !open.isEmpty()) {
            throw new IllegalStateException("fake upstream leaked " + alive + " threads and " + open.size()
                    + " connections after close");
        }
    }

    boolean isClosed() {
        return closed;
    }

    Stalls stalls() {
        return stalls;
    }

    RecordedRequest record(RequestReader.Parsed parsed, int connection) {
        RecordedRequest request = new RecordedRequest(parsed.method(), parsed.target(), parsed.headers(),
                parsed.body(), requestCount.getAndIncrement(), connection);
        requests.add(request);
        return request;
    }

    AtomicInteger writing() {
        return writing;
    }

    FakeResponse responseFor(RecordedRequest request) {
        Function<RecordedRequest, FakeResponse> answer = dispatcher;
        if (answer != null) {
            return answer.apply(request);
        }
        FakeResponse next = queue.poll();
        if (next != null) {
            return next;
        }
        return FakeResponse.json(500, "{\"error\":{\"message\":\"fake upstream: nothing enqueued for "
                + request.method() + " " + request.path().replace("\"", "'") + "\",\"type\":\"fake_upstream\"}}");
    }

    void hungUp(Hangup hangup) {
        hangups.add(hangup);
    }

    void closed(FakeConnection connection) {
        open.remove(connection);
        threads.remove(Thread.currentThread());
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                FakeConnection connection = new FakeConnection(this, socket, connectionCount.getAndIncrement());
                open.add(connection);
                // Registered before it starts, so a connection that ends at once cannot outrun its entry.
                Thread thread = Thread.ofVirtual().name("fake-upstream-" + port() + "-conn").unstarted(connection);
                threads.add(thread);
                thread.start();
                if (closed) {
                    connection.closeFromServer();
                }
            } catch (IOException e) {
                // The listener was closed (or a transient accept failure); the loop checks closed.
            }
        }
    }

    private static <T> Optional<T> poll(BlockingQueue<T> queue, Duration timeout) {
        try {
            return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
