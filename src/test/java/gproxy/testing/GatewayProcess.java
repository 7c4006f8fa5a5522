package gproxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway started as a real child process (its own JVM, signals and exit code), with its output
 * collected. The port is read from the "listening on" log line, so tests can pass {@code --port 0}.
 *
 * <p>Must be closed: kills the process if the test did not end it.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private GatewayProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    /** Starts {@code mainClass} from the test class path with {@code args} and extra {@code env}. */
    public static GatewayProcess start(String mainClass, List<String> args, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", testClassPath(), mainClass));
        command.addAll(args);
        return start(command, env);
    }

    /** Starts an arbitrary command line (an image launcher, say). */
    public static GatewayProcess start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GPROXY_"));
        builder.environment().putAll(env);
        return new GatewayProcess(builder.start());
    }

    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** Surefire hides the real class path behind a manifest jar; it publishes it in this property. */
    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The bound port, once the gateway logged it. */
    public int awaitPort(Duration timeout) throws Exception {
        try {
            return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("gateway did not report its port within " + timeout + "; output:\n" + output());
        }
    }

    public boolean awaitLine(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * SIGTERM, sent with kill(1): {@link Process#destroy()} would also close our end of the child's
     * output, and everything it logs while draining would be lost.
     */
    public void terminate() throws IOException, InterruptedException {
        signal("TERM");
    }

    public void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("gateway did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read stays available
        } finally {
            port.completeExceptionally(new IllegalStateException("gateway exited before listening"));
        }
    }
}
