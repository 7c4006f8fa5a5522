package gproxy.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free loopback port, for tests that kill and restart Redis:
 * the shared server on 6379 is never touched. {@link #stop()} kills it (SIGKILL), {@link #start()}
 * brings it back on the same port, empty (no persistence).
 *
 * <p>Must be closed.
 */
public final class PrivateRedis implements AutoCloseable {
    private static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private final Path dir;
    private Process process;

    private PrivateRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts one, or skips (fails under CI=true) when redis-server is not installed. */
    public static PrivateRedis launch() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            ExternalServices.require("redis-server binary at " + BINARY, "127.0.0.1", 1);
        }
        try {
            PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("gproxy-redis-"));
            redis.start();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a private redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server on port " + port, e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ExternalServices.reachable("127.0.0.1", port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not listen on port " + port);
            }
            sleep(20);
        }
    }

    /** SIGKILL: the clients see a dead server, not a polite shutdown. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
