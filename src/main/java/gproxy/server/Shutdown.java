package gproxy.server;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful shutdown on SIGTERM or SIGINT. The listener closes at once (new connections are refused)
 * and {@code /readyz} turns 503; in-flight requests and streams are left to finish — with no
 * deadline by default, or until {@code shutdown.drain-timeout}, when Helidon interrupts what is
 * still open so it settles as interrupted. Then background writers flush, pools close and the
 * process exits 0.
 *
 * <p>The JVM's default signal handling would exit 143 after the hooks; we take the signals
 * ourselves so a clean drain exits 0.
 */
final class Shutdown {
    private static final Logger LOG = System.getLogger(Shutdown.class.getName());
    /** After a drain deadline cut the streams, how long their settlement may take. */
    private static final Duration SETTLE_AFTER_CUT = Duration.ofSeconds(5);

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile int status;

    /**
     * Installs the signal handlers; on the first signal {@code stop} runs once, on a platform thread,
     * and {@link #await()} returns the exit status for the caller to exit with.
     */
    void onSignals(Runnable stop) {
        // sun.misc.Signal (module jdk.unsupported) is not in the --release 21 API, so it is reached
        // reflectively; it is exported and supported on every JDK we run on.
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Method getName = signalType.getMethod("getName");
            Object handler = Proxy.newProxyInstance(Shutdown.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            begin("SIG" + getName.invoke(args[0]), stop);
                            return null;
                        }
                        return method.invoke(this, args);
                    });
            Method handle = signalType.getMethod("handle", signalType, handlerType);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signalType.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install signal handlers: " + e, e);
        }
    }

    /** Starts the shutdown sequence once (signals, tests and embedders); later calls are no-ops. */
    void begin(String reason, Runnable stop) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("gproxy-shutdown").start(() -> {
            LOG.log(Level.INFO, "shutdown signal received (" + reason + ")");
            try {
                stop.run();
                LOG.log(Level.INFO, "shutdown complete");
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "shutdown failed: " + e.getMessage(), e);
                status = 1;
            } finally {
                done.countDown();
            }
        });
    }

    /** Waits for the shutdown sequence to finish; 0 when it completed, 1 when it failed. */
    int await() throws InterruptedException {
        done.await();
        return status;
    }

    /**
     * The drain: waits for in-flight exchanges, without deadline or until {@code deadline}; after a
     * deadline cut, gives the interrupted exchanges a moment to settle. Returns whether the drain
     * completed without cutting anything.
     */
    static boolean drain(Lifecycle lifecycle, Optional<Duration> deadline) {
        try {
            if (deadline.isEmpty()) {
                return lifecycle.awaitIdle(Lifecycle.forever());
            }
            if (lifecycle.awaitIdle(deadline.get())) {
                return true;
            }
            LOG.log(Level.WARNING, "drain deadline of " + deadline.get() + " reached with " + lifecycle.inFlight()
                    + " exchanges open; cutting them");
            lifecycle.awaitIdle(SETTLE_AFTER_CUT);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
