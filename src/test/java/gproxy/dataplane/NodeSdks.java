package gproxy.dataplane;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.testing.ExternalServices;

/**
 * The Node project under {@code src/test/js} (the vendors' JavaScript SDKs at pinned versions),
 * copied to {@code target/js-sdk} and installed there with {@code npm ci}, once per lockfile: a
 * marker holding the lockfile's hash skips the install while it is unchanged. Each run is one
 * {@code node <script> <case>} whose last stdout line is the JSON result.
 */
final class NodeSdks {
    private static final Path SOURCE = Path.of("src", "test", "js");
    private static final Path HOME = Path.of("target", "js-sdk");
    private static final String MARKER = ".gproxy-lock.sha256";
    private static final int MIN_NODE = 20;
    private static final long INSTALL_MINUTES = 10;
    private static final long RUN_SECONDS = 60;

    private NodeSdks() {
    }

    /** Installs the project when needed; skips (locally) or fails (CI) without node >= 20 and npm. */
    static NodeSdks install() {
        requireNode();
        version("npm").orElseGet(() -> {
            ExternalServices.missing("npm is not on the PATH (expected: apt-get install npm; .ci/run installs it)");
            return "";
        });
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json", "common.mjs", "openai.mjs",
                    "anthropic.mjs", "gemini.mjs")) {
                Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = sha256(Files.readAllBytes(HOME.resolve("package-lock.json")));
            Path marker = HOME.resolve("node_modules").resolve(MARKER);
            if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(lockHash)) {
                npmCi();
                Files.writeString(marker, lockHash);
            }
            return new NodeSdks();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one case of one script against the gateway; the printed JSON. An SDK error is a result
     * ({@code {"error":{…}}}); a crash of the script fails the test with its stderr.
     */
    JsonNode run(String script, String caseName, String baseUrl, String apiKey, String model) {
        ProcessBuilder builder = new ProcessBuilder("node", script, caseName).directory(HOME.toFile());
        Map<String, String> env = builder.environment();
        // the SDKs read these; a developer's own settings must not steer the run
        env.keySet().removeIf(name -> Stream.of("OPENAI_", "ANTHROPIC_", "GOOGLE_", "GEMINI_")
                .anyMatch(name::startsWith));
        env.put("GPROXY_BASE_URL", baseUrl);
        env.put("GPROXY_API_KEY", apiKey);
        env.put("GPROXY_MODEL", model);
        env.put("NO_PROXY", "127.0.0.1,localhost");
        Result result = execute(builder, RUN_SECONDS, TimeUnit.SECONDS);
        if (result.exit() != 0) {
            throw new AssertionError("node " + script + " " + caseName + " exited " + result.exit() + ":\n"
                    + result.stderr());
        }
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new AssertionError("node " + script + " " + caseName + " printed nothing:\n" + result.stderr());
        }
        return Json.parse(lines.getLast());
    }

    private static void requireNode() {
        Optional<String> version = version("node");
        if (version.isEmpty()) {
            ExternalServices.missing("node is not on the PATH (expected: apt-get install nodejs; .ci/run installs it)");
        }
        int major = Integer.parseInt(version.get().replaceFirst("^v", "").split("\\.")[0]);
        if (major < MIN_NODE) {
            ExternalServices.missing("node " + version.get() + " is too old (expected: >= " + MIN_NODE + ")");
        }
    }

    private static Optional<String> version(String tool) {
        try {
            Result result = execute(new ProcessBuilder(tool, "--version"), RUN_SECONDS, TimeUnit.SECONDS);
            return result.exit() == 0 ? Optional.of(result.stdout().strip()) : Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static void npmCi() {
        Result result = execute(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(HOME.toFile()),
                INSTALL_MINUTES, TimeUnit.MINUTES);
        if (result.exit() != 0) {
            throw new AssertionError("npm ci in " + HOME + " exited " + result.exit() + ":\n" + result.stderr());
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result execute(ProcessBuilder builder, long timeout, TimeUnit unit) {
        try {
            Path stdout = Files.createTempFile("gproxy-node-", ".out");
            Path stderr = Files.createTempFile("gproxy-node-", ".err");
            try {
                // both to files, so a child that hangs is caught by the timeout, not by a blocked read
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", builder.command()) + " did not finish within "
                            + timeout + " " + unit + ":\n" + Files.readString(stderr));
                }
                return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + builder.command(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
