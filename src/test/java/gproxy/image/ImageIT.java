package gproxy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime image as shipped (target/gproxy-image, built by jlink/build-image.sh in the package
 * phase), started the two ways it is started in production: by the launcher bin/gproxy, and by the
 * Containerfile's ENTRYPOINT with no shell, as the container's user, with only the volume writable.
 */
class ImageIT {
    /** Launch to first healthy answer. About 1 s with the AOT cache; the margin is for loaded 2-core CI. */
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(5);
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(30);
    /** What a container engine sets when the image sets no PATH (distroless sets this one). */
    private static final String CONTAINER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /**
     * The JVM logs AOT/CDS trouble at warning or error level by default ("[error  ][aot] Unable to
     * map shared spaces"): an image whose cache does not match its JVM options or class path.
     */
    private static final Pattern REJECTED_CACHE = Pattern.compile("\\[(warning|error)\\s*]\\[(aot|cds)");

    private static Path image;
    private static Path project;

    @BeforeAll
    static void locateImage() {
        String property = System.getProperty("gproxy.image", "");
        if (property.isBlank()) {
            fail("system property gproxy.image is not set: it names the runtime image under test "
                    + "(mvn verify sets it to target/gproxy-image)");
        }
        image = Path.of(property).toAbsolutePath();
        assertThat(image.resolve("bin/gproxy"))
                .as("the launcher of the image %s (built in the package phase unless -DskipImage=true)", image)
                .isExecutable();
        project = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    @Test
    void launcherStartsServesTheAdminApiAndExitsZeroOnSigterm(@TempDir Path scratch) throws Exception {
        int port = GatewayProcess.freePort();
        String password = password();
        Map<String, String> env = hostEnvironment();
        env.put("GPROXY_ADMIN_PASSWORD", password);
        List<String> command = List.of(image.resolve("bin/gproxy").toString(),
                "--data-dir", scratch.resolve("data").toString(), "--port", String.valueOf(port));

        try (GatewayProcess gateway = GatewayProcess.start(command, env, scratch, scratch.resolve("gateway.log"), port)) {
            Duration healthy = gateway.awaitHealthy(START_DEADLINE);
            System.out.printf("ImageIT: bin/gproxy answered /healthz 200 %d ms after launch%n", healthy.toMillis());
            useTheAdminApi(gateway, password);

            assertCleanStop(gateway);
            assertThat(healthy).as("launch to first healthy /healthz (load average %s)", loadAverage())
                    .isLessThan(HEALTHY_WITHIN);
        }
    }

    @Test
    void containerEntrypointRunsWithoutAShellAsNonRootWritingOnlyToTheVolume(@TempDir Path scratch)
            throws Exception {
        Containerfile containerfile = Containerfile.parse(project.resolve("etc/Containerfile"));
        Path containerImage = Path.of(containerfile.entrypoint().get(0)).getParent().getParent();
        Path containerVolume = Path.of(containerfile.env().get("GPROXY_DATA_DIR"));
        Confinement confinement = Confinement.best(image, scratch, project.resolve("jlink/distroless-root.sh"),
                containerImage, containerVolume);
        System.out.println("ImageIT: container entrypoint confined by " + confinement);
        int port = GatewayProcess.freePort();
        String password = password();
        Map<String, String> env = new TreeMap<>();
        containerfile.env().forEach((name, value) -> env.put(name, confinement.map(value)));
        env.put("PATH", CONTAINER_PATH);
        env.put("GPROXY_PORT", String.valueOf(port));   // in a container 8787, mapped by the engine
        env.put("GPROXY_ADMIN_PASSWORD", password);
        Set<String> imageBefore = tree(confinement.image());

        Duration healthy;
        try (GatewayProcess gateway = GatewayProcess.start(confinement.command(containerfile.entrypoint()), env,
                confinement.volume(), scratch.resolve("container.log"), port)) {
            healthy = gateway.awaitHealthy(START_DEADLINE);
            System.out.printf("ImageIT: the container entrypoint answered /healthz 200 %d ms after launch%n",
                    healthy.toMillis());
            useTheAdminApi(gateway, password);

            assertCleanStop(gateway);
        }
        assertThat(tree(confinement.image())).as("the image is read-only at run time").isEqualTo(imageBefore);
        assertThat(confinement.volume().resolve("gproxy.db")).as("the database lives on the volume").exists();
        assertThat(healthy).as("launch to first healthy /healthz (load average %s)", loadAverage())
                .isLessThan(HEALTHY_WITHIN);
    }

    /** Login as the bootstrap admin, create a provider, find it in the list. */
    private static void useTheAdminApi(GatewayProcess gateway, String password) throws IOException {
        String cookie = gateway.login("admin", password);
        HttpResponse<String> created = gateway.post("/admin/providers", cookie,
                "{\"name\":\"p1\",\"channel\":\"openai\"}");
        assertThat(created.statusCode()).as("create provider: %s", created.body()).isBetween(200, 299);
        HttpResponse<String> listed = gateway.get("/admin/providers", cookie);
        assertThat(listed.statusCode()).as("list providers: %s", listed.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(listed.body()).findValuesAsText("name")).contains("p1");
    }

    /** SIGTERM drains and exits 0; the JVM took the AOT cache and the native-access flag as given. */
    private static void assertCleanStop(GatewayProcess gateway) throws InterruptedException {
        int status = gateway.terminate(DRAIN_DEADLINE);
        String output = gateway.output();
        assertThat(status).as("exit status after SIGTERM; output:%n%s", output).isZero();
        assertThat(output).contains("listening on http://")
                .contains("shutdown signal received")
                .doesNotContainPattern(REJECTED_CACHE)
                .doesNotContain("restricted method");           // --enable-native-access missing
    }

    /** Our environment without anything that would change how the gateway or its JVM starts. */
    private static Map<String, String> hostEnvironment() {
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("GPROXY_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        return env;
    }

    /** Printed with a slow start: on a shared 2-core box, other builds are the usual reason. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String password() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Every path in {@code dir} with its size and modification time. */
    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            Set<String> entries = new TreeSet<>();
            for (Path path : (Iterable<Path>) paths::iterator) {
                entries.add(dir.relativize(path) + " " + Files.size(path) + " " + Files.getLastModifiedTime(path));
            }
            return entries;
        }
    }
}
