package gproxy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One gateway process started from the runtime image, spoken to over loopback HTTP. Its output
 * goes to a file, quoted by every failure. Must be closed: close() kills it if a test did not stop it.
 */
final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final long launchedNanos;
    private final Path output;
    private final int port;

    private GatewayProcess(Process process, long launchedNanos, Path output, int port) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.output = output;
        this.port = port;
    }

    /** Starts {@code command} with exactly {@code environment} (nothing inherited), cwd {@code workDir}. */
    static GatewayProcess start(List<String> command, Map<String, String> environment, Path workDir, Path output,
                                int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long launched = System.nanoTime();
        return new GatewayProcess(builder.start(), launched, output, port);
    }

    /** A port that was free a moment ago: the gateway binds it next. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code /healthz} until it answers 200; returns the time from launch to that answer. */
    Duration awaitHealthy(Duration deadline) throws InterruptedException {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                fail("the gateway exited with " + process.exitValue() + " before /healthz answered:\n" + output());
            }
            if (healthy()) {
                return Duration.ofNanos(System.nanoTime() - launchedNanos);
            }
            Thread.sleep(POLL);
        }
        return fail("/healthz did not answer 200 within " + deadline + ":\n" + output());
    }

    private boolean healthy() {
        try {
            return send(request("/healthz").timeout(Duration.ofSeconds(1)).GET()).statusCode() == 200;
        } catch (IOException refusedOrTimedOut) {
            return false;
        }
    }

    /** Logs in as the bootstrap admin; returns the session cookie ({@code gproxy_session=...}). */
    String login(String user, String password) throws IOException {
        HttpResponse<String> response = send(request("/admin/login").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
        assertThat(response.statusCode()).as("login: %s", response.body()).isEqualTo(200);
        Optional<String> cookie = response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("gproxy_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst();
        assertThat(cookie).as("gproxy_session cookie in %s", response.headers().map()).isPresent();
        return cookie.get();
    }

    HttpResponse<String> post(String path, String cookie, String json) throws IOException {
        return send(request(path).header("cookie", cookie).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path, String cookie) throws IOException {
        return send(request(path).header("cookie", cookie).GET());
    }

    /**
     * Sends SIGTERM (what {@code destroy()} does on Linux) to the JVM, as a container engine or a
     * supervisor does, and returns the exit status of the process we started. The JVM is that
     * process itself when everything before it execs (bin/gproxy), or its descendant when a
     * wrapper forks it (unshare --fork, which passes the JVM's status on).
     */
    int terminate(Duration deadline) throws InterruptedException {
        ProcessHandle jvm = process.descendants()
                .filter(p -> p.info().command().filter(c -> c.endsWith("/bin/java")).isPresent())
                .findFirst().orElse(process.toHandle());
        jvm.destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("the gateway did not exit within " + deadline + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the process printed so far (stdout and stderr). */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
