package gproxy.engine;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keepalives for a streaming client whose answer waits on a buffered upstream (reference §5.3):
 * from the first {@link #waiting()} on, every {@code interval} of silence one keepalive in the
 * client's dialect goes to its {@link ClientOutput} — the first one opens the client's 200 stream.
 * {@link #stop()} ends them before the relay writes the answer: once it returns, no keepalive is
 * being written or will be. A client that hung up ends them too (the relay's next write finds out).
 *
 * <p>Must be closed (stops, as {@link #stop()}).
 */
public final class Keepalive implements BufferedWait, AutoCloseable {
    private static final Logger LOG = System.getLogger(Keepalive.class.getName());

    private final Optional<ClientOutput> output;
    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private Optional<Thread> thread = Optional.empty();
    private boolean stopped;

    /** Keepalives to {@code output}; none when the client does not stream (no output). */
    public Keepalive(Optional<ClientOutput> output, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        this.output = output;
        this.intervalNanos = interval.toNanos();
    }

    /** Starts the keepalives, unless they run already or were stopped. */
    @Override
    public void waiting() {
        lock.lock();
        try {
            if (stopped || thread.isPresent() || output.isEmpty()) {
                return;
            }
            thread = Optional.of(Thread.ofVirtual().name("gproxy-keepalive").start(this::run));
        } finally {
            lock.unlock();
        }
    }

    /** Stops for good; returns once no keepalive is being written. */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The lock is held except while waiting, so {@link #stop()} waits out a keepalive being written. */
    private void run() {
        lock.lock();
        try {
            while (!stopped) {
                long left = intervalNanos;
                while (!stopped && left > 0) {
                    left = stopping.awaitNanos(left);
                }
                if (stopped) {
                    return;
                }
                output.get().keepalive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            LOG.log(Level.DEBUG, () -> "client went away while its answer waited: " + e.getMessage());
            stopped = true;
        } finally {
            lock.unlock();
        }
    }
}
