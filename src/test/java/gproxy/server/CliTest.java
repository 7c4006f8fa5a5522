package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, export and import. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of()).run(args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badPortStopsWithExitTwoNamingTheFlagAndTheValue() {
        assertThat(run("--port", "99999", "--data-dir", temp.toString())).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("--port", "99999", "expected");
    }

    @Test
    void unknownFlagStopsWithExitTwo() {
        assertThat(run("--prot", "8080")).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("--prot");
    }

    @Test
    void unknownCommandStopsWithExitTwo() {
        assertThat(run("frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("unknown command 'frobnicate'");
    }

    @Test
    void exportWithoutOutIsAUsageError() {
        assertThat(run("export", "--data-dir", temp.toString())).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("--out FILE is required");
    }

    @Test
    void generateKeyPrintsAFreshKey() {
        assertThat(run("generate-key")).isZero();
        String first = stdout().strip();
        out.reset();
        run("generate-key");
        assertThat(first).startsWith("sk-").hasSizeGreaterThan(40).isNotEqualTo(stdout().strip());
    }

    @Test
    void helpListsTheCommandsAndTheEnvironmentVariables() {
        assertThat(run("--help")).isZero();
        assertThat(stdout()).contains("export --out FILE", "generate-key", "GPROXY_DSN", "GPROXY_PORT");
    }

    @Test
    void bundleRoundTripsThroughExportAndImport() throws Exception {
        Path source;
        try (TestGateway gw = TestGateway.start()) {
            source = gw.dataDir();
            long provider = TestGateway.json(gw.post(gw.admin("/admin/providers"),
                    "{\"name\":\"exported\",\"channel\":\"openai\"}")).path("id").asLong();
            gw.post(gw.admin("/admin/providers/" + provider + "/credentials"),
                    "{\"name\":\"k\",\"secret_json\":{\"api_key\":\"sk-round-trip\"}}");
            gw.post(gw.admin("/admin/routes"), "{\"name\":\"fast\",\"strategy\":\"weighted\"}");
            gw.post(gw.admin("/admin/price-rules"), "{\"model_match\":\"gpt-4o\",\"input_price\":\"2.5\"}");
        }
        Path first = temp.resolve("first.json");
        assertThat(run("export", "--out", first.toString(), "--data-dir", source.toString()))
                .as(stderr()).isZero();
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(first)).contains("sk-round-trip");

        Path target = temp.resolve("target-data");
        assertThat(run("import", "--in", first.toString(), "--data-dir", target.toString())).as(stderr()).isZero();
        Path second = temp.resolve("second.json");
        assertThat(run("export", "--out", second.toString(), "--data-dir", target.toString())).isZero();

        JsonNode a = Json.MAPPER.readTree(first.toFile());
        JsonNode b = Json.MAPPER.readTree(second.toFile());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void importIntoAStoreWithDataIsRefusedAndChangesNothing() throws Exception {
        Path bundle = temp.resolve("b.json");
        Files.writeString(bundle, "{\"schema_version\":1,\"providers\":[{\"id\":1,\"name\":\"p\",\"channel\":\"openai\"}]}");
        assertThat(run("import", "--in", bundle.toString(), "--data-dir", temp.resolve("d").toString()))
                .as(stderr()).isZero();
        err.reset();
        assertThat(run("import", "--in", bundle.toString(), "--data-dir", temp.resolve("d").toString()))
                .isEqualTo(Cli.FAILED);
        assertThat(stderr()).contains("empty");
    }

    @Test
    void malformedBundleNamesThePositionNotTheContent() throws Exception {
        Path bundle = temp.resolve("bad.json");
        Files.writeString(bundle, "{\"providers\": [ {\"name\": \"sk-secret-in-file\" ");
        assertThat(run("import", "--in", bundle.toString(), "--data-dir", temp.toString())).isEqualTo(Cli.FAILED);
        assertThat(stderr()).contains("malformed JSON", "line").doesNotContain("sk-secret-in-file");
    }
}
