package gproxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gproxy.admin.Bundle;
import gproxy.config.Settings;
import gproxy.config.SettingsLoader;
import gproxy.error.GatewayException;
import gproxy.security.SecretBox;

/**
 * Bootstrap runs beside the rest of start-up (its Argon2 hash is the slow part); these tests pin
 * down that whatever it writes is in force before the listener answers anything.
 */
class BootstrapStartTest {
    private static final Pattern PASSWORD = Pattern.compile("password:\\s+(\\S+)");
    private static final Pattern API_KEY = Pattern.compile("API key:\\s+(sk-\\S+)");

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aFreshStartWithoutAPasswordPrintsCredentialsThatWorkOnTheFirstRequest() throws Exception {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (Gateway gateway = start(settings(Map.of()), banner)) {
            String printed = banner.toString(StandardCharsets.UTF_8);
            String password = group(PASSWORD, printed);
            String key = group(API_KEY, printed);

            assertThat(login(gateway, "admin", password).statusCode()).isEqualTo(200);
            // the key is checked against the snapshot, which was loaded while bootstrap still ran
            assertThat(get(gateway, "/admin/providers", key).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRestartWithANewAdminPasswordResetsTheAdminBeforeTheFirstLogin() throws Exception {
        try (Gateway first = start(settings(Map.of("GPROXY_ADMIN_PASSWORD", "first-password-1")), sink())) {
            assertThat(login(first, "admin", "first-password-1").statusCode()).isEqualTo(200);
        }
        try (Gateway second = start(settings(Map.of("GPROXY_ADMIN_PASSWORD", "second-password-2")), sink())) {
            assertThat(login(second, "admin", "second-password-2").statusCode()).isEqualTo(200);
            assertThat(login(second, "admin", "first-password-1").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aRestartWithTheSamePasswordLeavesTheAdminAsItWas() throws Exception {
        Settings settings = settings(Map.of("GPROXY_ADMIN_PASSWORD", "same-password-1"));
        ByteArrayOutputStream firstBanner = new ByteArrayOutputStream();
        try (Gateway first = start(settings, firstBanner)) {
            assertThat(firstBanner.toString(StandardCharsets.UTF_8)).contains("API key:");
        }
        ByteArrayOutputStream secondBanner = new ByteArrayOutputStream();
        try (Gateway second = start(settings, secondBanner)) {
            assertThat(secondBanner.toString(StandardCharsets.UTF_8)).doesNotContain("API key:");
            assertThat(login(second, "admin", "same-password-1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anImportFileIsServedFromTheFirstRequestOfAnEmptyStore() throws Exception {
        Path seedDir = Files.createDirectories(dir.resolve("seed"));
        Path bundle = dir.resolve("bundle.json");
        ByteArrayOutputStream seedBanner = new ByteArrayOutputStream();
        Settings seed = SettingsLoader.load(List.of("--data-dir", seedDir.toString(), "--port", "0"),
                Map.of("GPROXY_ADMIN_PASSWORD", "seed-password-1"));
        try (Gateway seeded = start(seed, seedBanner)) {
            String key = group(API_KEY, seedBanner.toString(StandardCharsets.UTF_8));
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri(seeded, "/admin/providers"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"imported-openai\",\"channel\":\"openai\"}")));
            assertThat(created.statusCode()).isEqualTo(200);
            Bundle.writeExport(seeded.store(), SecretBox.plaintext(), bundle);
        }

        try (Gateway imported = start(settings(Map.of("GPROXY_IMPORT_FILE", bundle.toString())), sink())) {
            assertThat(imported.controlPlane().current().providers().toString()).contains("imported-openai");
            // the bundle's admin came with its password hash: it logs in as it did before
            assertThat(login(imported, "admin", "seed-password-1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRejectedAdminPasswordStopsStartUpWithTheSettingNamed() {
        Settings settings = settings(Map.of("GPROXY_ADMIN_PASSWORD", "short"));

        assertThatThrownBy(() -> start(settings, sink()))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("GPROXY_ADMIN_PASSWORD")
                .hasMessageContaining("at least 8 characters");
    }

    private Settings settings(Map<String, String> env) {
        return SettingsLoader.load(List.of("--data-dir", dir.resolve("data").toString(), "--port", "0"), env);
    }

    private static Gateway start(Settings settings, ByteArrayOutputStream banner) {
        return Gateway.start(settings, new PrintStream(banner, true, StandardCharsets.UTF_8), List.of());
    }

    private static ByteArrayOutputStream sink() {
        return new ByteArrayOutputStream();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("banner %s matches %s", text, pattern).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> login(Gateway gateway, String user, String password) {
        return send(HttpRequest.newBuilder(uri(gateway, "/admin/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
    }

    private HttpResponse<String> get(Gateway gateway, String path, String key) {
        return send(HttpRequest.newBuilder(uri(gateway, path)).header("Authorization", "Bearer " + key));
    }

    private static URI uri(Gateway gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
