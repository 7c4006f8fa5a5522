package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.error.GatewayException;

class BundleFileTest {
    @TempDir
    Path dir;

    @Test
    void exportFileIsOwnerOnlyAndNoTempFileIsLeft() throws IOException {
        Path out = dir.resolve("export.json");

        BundleFile.writePrivate(out, "{\"schema_version\":1}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(out)).isEqualTo("{\"schema_version\":1}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(listing()).containsExactly("export.json");
    }

    @Test
    void anExistingWorldReadableFileIsReplacedByAnOwnerOnlyOne() throws IOException {
        Path out = dir.resolve("export.json");
        Files.writeString(out, "old");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));

        BundleFile.writePrivate(out, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(out)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(listing()).containsExactly("export.json");
    }

    @Test
    void aFailedRenameLeavesNeitherTheTargetNorATempFile() throws IOException {
        Path out = dir.resolve("taken");
        Files.createDirectory(out);
        Files.writeString(out.resolve("inside"), "x");

        assertThatThrownBy(() -> BundleFile.writePrivate(out, "secret".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot be written");

        assertThat(listing()).containsExactly("taken");
    }

    @Test
    void malformedJsonIsReportedByPositionWithoutQuotingTheFile() throws IOException {
        Path in = dir.resolve("bad.json");
        Files.writeString(in, "{\"schema_version\": 1,\n \"user_keys\": [{\"api_key\": sk-live-secret}]}");

        assertThatThrownBy(() -> BundleFile.read(in))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("bad.json: malformed JSON at line 2")
                .hasMessageNotContaining("sk-live-secret")
                .extracting(e -> ((GatewayException) e).status()).isEqualTo(400);
    }

    @Test
    void aMissingFileIsNamedInTheError() {
        Path in = dir.resolve("absent.json");

        assertThatThrownBy(() -> BundleFile.read(in))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.json: cannot be read");
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
