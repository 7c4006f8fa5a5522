package gproxy.config;

import static gproxy.config.Fixtures.load;
import static gproxy.config.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsPrecedenceTest {
    @TempDir
    Path dir;

    private Path file() {
        return yaml(dir, """
                server:
                  host: 10.0.0.3
                  port: 3000
                  cors-origins: ["https://yaml.example"]
                  max-body-size: 3MiB
                routing:
                  upstream-proxy-url: http://yaml-proxy:3128
                shutdown:
                  drain-timeout: 3s
                metrics:
                  public: true
                log.level: error
                """);
    }

    private Map<String, String> env() {
        return Map.of("GPROXY_CONFIG", file().toString(), "GPROXY_HOST", "10.0.0.2", "GPROXY_PORT", "2000",
                "GPROXY_CORS_ORIGINS", "https://env.example", "GPROXY_MAX_BODY_SIZE", "2MiB",
                "GPROXY_UPSTREAM_PROXY_URL", "http://env-proxy:3128", "GPROXY_DRAIN_TIMEOUT", "2s",
                "GPROXY_METRICS_PUBLIC", "false", "GPROXY_LOG_LEVEL", "warn");
    }

    @Test
    void withNothingGivenEverySettingIsItsDefault() {
        assertThat(load()).isEqualTo(Fixtures.defaults());
    }

    @Test
    void yamlBeatsTheDefaults() {
        Settings s = load("--config", file().toString());
        assertThat(s.host()).isEqualTo("10.0.0.3");
        assertThat(s.port()).isEqualTo(3000);
        assertThat(s.corsOrigins()).containsExactly("https://yaml.example");
        assertThat(s.maxBodyBytes()).isEqualTo(3L << 20);
        assertThat(s.upstreamProxyUrl()).contains("http://yaml-proxy:3128");
        assertThat(s.drainTimeout()).contains(Duration.ofSeconds(3));
        assertThat(s.metricsPublic()).isTrue();
        assertThat(s.logLevel()).isEqualTo("SEVERE");
    }

    @Test
    void environmentBeatsYaml() {
        Settings s = load(env());
        assertThat(s.host()).isEqualTo("10.0.0.2");
        assertThat(s.port()).isEqualTo(2000);
        assertThat(s.corsOrigins()).containsExactly("https://env.example");
        assertThat(s.maxBodyBytes()).isEqualTo(2L << 20);
        assertThat(s.upstreamProxyUrl()).contains("http://env-proxy:3128");
        assertThat(s.drainTimeout()).contains(Duration.ofSeconds(2));
        assertThat(s.metricsPublic()).isFalse();
        assertThat(s.logLevel()).isEqualTo("WARNING");
    }

    @Test
    void flagsBeatTheEnvironment() {
        Settings s = load(env(), "--host", "10.0.0.1", "--port=1000", "--cors-origin", "https://flag.example",
                "--max-body-size", "1MiB", "--upstream-proxy-url", "http://flag-proxy:3128", "--drain-timeout=1s",
                "--metrics-public", "--log-level", "DEBUG");
        assertThat(s.host()).isEqualTo("10.0.0.1");
        assertThat(s.port()).isEqualTo(1000);
        assertThat(s.corsOrigins()).containsExactly("https://flag.example");
        assertThat(s.maxBodyBytes()).isEqualTo(1L << 20);
        assertThat(s.upstreamProxyUrl()).contains("http://flag-proxy:3128");
        assertThat(s.drainTimeout()).contains(Duration.ofSeconds(1));
        assertThat(s.metricsPublic()).isTrue();
        assertThat(s.logLevel()).isEqualTo("FINE");
    }

    @Test
    void aFlagNamingTheConfigFileBeatsTheVariable() {
        Path other = dir.resolve("other.yaml");
        Path named = yaml(dir, "server.port: 4000\n");
        assertThat(load(Map.of("GPROXY_CONFIG", other.toString()), "--config=" + named).port()).isEqualTo(4000);
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        Settings s = load(Map.of("GPROXY_PORT", "", "GPROXY_DSN", "", "GPROXY_ADMIN_PASSWORD", "",
                "GPROXY_MASTER_KEY", ""));
        assertThat(s).isEqualTo(Fixtures.defaults());
    }

    @Test
    void anEmptyListFlagClearsTheListOfTheEnvironment() {
        Settings s = load(Map.of("GPROXY_TRUSTED_PROXIES", "10.0.0.1"), "--trusted-proxy=");
        assertThat(s.trustedProxies()).isEmpty();
    }

    @Test
    void aBlankFlagSwitchesRedisAndTheUpstreamProxyOffOverTheEnvironment() {
        Settings s = load(Map.of("GPROXY_REDIS_URL", "redis://cache:6379", "GPROXY_UPSTREAM_PROXY_URL", "http://p:1"),
                "--redis-url=", "--upstream-proxy-url", " ");
        assertThat(s.redisUrl()).isEmpty();
        assertThat(s.upstreamProxyUrl()).isEmpty();
    }

    @Test
    void listFlagsRepeatAndSplitOnCommasDroppingDuplicates() {
        Settings s = load("--trusted-proxy", "10.0.0.1, 10.0.0.2", "--trusted-proxy=::1,10.0.0.1");
        assertThat(s.trustedProxies()).containsExactly("10.0.0.1", "10.0.0.2", "::1");
    }

    @Test
    void listVariablesAreCommaSeparatedAndToleratesATrailingComma() {
        Settings s = load(Map.of("GPROXY_CORS_ORIGINS", "https://a.example, http://b.example:8080,"));
        assertThat(s.corsOrigins()).containsExactly("https://a.example", "http://b.example:8080");
    }

    @Test
    void aSwitchTakesAnExplicitValueAsWordOrAfterAnEqualsSign() {
        assertThat(load("--metrics-public", "false").metricsPublic()).isFalse();
        assertThat(load("--metrics-public=false").metricsPublic()).isFalse();
        assertThat(load("--metrics-public", "--port", "1").metricsPublic()).isTrue();
    }

    @Test
    void theDefaultDsnFollowsTheDataDirFromAnySource() {
        Settings s = load(Map.of("GPROXY_DATA_DIR", dir.resolve("x/../state").toString()));
        assertThat(s.dataDir()).isEqualTo(dir.resolve("state").toAbsolutePath());
        assertThat(s.dsn()).isEqualTo("sqlite://" + dir.resolve("state").toAbsolutePath() + "/gproxy.db?mode=rwc");
    }

    @Test
    void aRelativeDataDirIsMadeAbsolute() {
        assertThat(load("--data-dir", "var/gproxy").dataDir()).isEqualTo(Path.of("var/gproxy").toAbsolutePath());
    }

    @Test
    void everyOtherSettingIsReadFromItsFlag() {
        Settings s = load(Map.of("GPROXY_MASTER_KEY", Fixtures.MASTER_KEY, "GPROXY_IMPORT_FILE", "seed.json"),
                "--dsn", "postgres://gproxy@db:5432/gproxy", "--redis-url", "rediss://cache:6380/1",
                "--admin-user", " root ", "--admin-password", " pass word ", "--max-attempts", "3",
                "--max-in-flight", "10", "--instance-id", "7");
        assertThat(s.dsn()).isEqualTo("postgres://gproxy@db:5432/gproxy");
        assertThat(s.redisUrl()).contains("rediss://cache:6380/1");
        assertThat(s.adminUser()).isEqualTo("root");
        assertThat(s.adminPassword()).contains(" pass word ");
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.maxInFlight()).isEqualTo(10);
        assertThat(s.instanceId()).isEqualTo(7);
        assertThat(s.importFile()).contains(Path.of("seed.json").toAbsolutePath());
        assertThat(s.masterKey()).contains(Fixtures.MASTER_KEY);
    }

    @Test
    void valuesInTheAcceptedShapesAreNormalised() {
        Settings s = load("--cors-origin", "HTTPS://Console.Example:443,http://a.example:80,http://a.example:81",
                "--drain-timeout", "PT1M30S", "--max-body-size", "10MB", "--log-level", "Trace",
                "--upstream-proxy-url", "proxy.example:8080:user:p:ss", "--host", "[::1]");
        assertThat(s.corsOrigins())
                .containsExactly("https://console.example", "http://a.example", "http://a.example:81");
        assertThat(s.drainTimeout()).contains(Duration.ofSeconds(90));
        assertThat(s.maxBodyBytes()).isEqualTo(10_000_000L);
        assertThat(s.logLevel()).isEqualTo("FINEST");
        assertThat(s.upstreamProxyUrl()).contains("proxy.example:8080:user:p:ss");
        assertThat(s.host()).isEqualTo("[::1]");
    }

    @Test
    void noneMeansNoDrainDeadlineAndZeroIsAllowed() {
        assertThat(load("--drain-timeout", "none").drainTimeout()).isEqualTo(Optional.empty());
        assertThat(load("--drain-timeout", "0s").drainTimeout()).contains(Duration.ZERO);
        assertThat(load("--drain-timeout", "1500ms").drainTimeout()).contains(Duration.ofMillis(1500));
        assertThat(load("--drain-timeout", "5m").drainTimeout()).contains(Duration.ofMinutes(5));
        assertThat(load("--drain-timeout", "1h").drainTimeout()).contains(Duration.ofHours(1));
    }

    @Test
    void sizesTakeBytesAndBinaryOrDecimalUnits() {
        assertThat(load("--max-body-size", "1024").maxBodyBytes()).isEqualTo(1024);
        assertThat(load("--max-body-size", "512KiB").maxBodyBytes()).isEqualTo(512 * 1024);
        assertThat(load("--max-body-size", "50MiB").maxBodyBytes()).isEqualTo(Settings.DEFAULT_MAX_BODY_BYTES);
        assertThat(load("--max-body-size", "1 GiB").maxBodyBytes()).isEqualTo(1L << 30);
    }

    @Test
    void everyDsnSchemeIsAccepted() {
        for (String dsn : List.of("sqlite:///tmp/g.db", "postgres://h/db", "postgresql://h/db", "mysql://h/db",
                "mariadb://h/db", "SQLITE::memory:")) {
            assertThat(load("--dsn", dsn).dsn()).isEqualTo(dsn);
        }
    }
}
