package gproxy.config;

import static gproxy.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every refusal of a flag or variable, by its exact message. YAML-specific ones are in YamlFileTest. */
class SettingsValidationTest {
    private static final String DURATION = "(expected: a duration such as 30s, 5m, 1h, 1500ms or PT30S, or none)";
    private static final String SIZE =
            "(expected: a size from 1 byte to 1TiB, in bytes or with KB, MB, GB, KiB, MiB or GiB, such as 50MiB)";
    private static final String IP = "(expected: an IP address literal such as 10.0.0.1 or ::1; no host names or CIDR)";
    private static final String ORIGIN =
            "(expected: an exact origin scheme://host[:port] with http or https, no path or wildcard)";
    private static final String DSN =
            "(expected: a DSN with scheme sqlite, postgres, postgresql, mysql or mariadb)";
    private static final String REDIS =
            "(expected: a redis:// or rediss:// URL, or empty for the in-process cache)";
    private static final String KEY = "(expected: 32 bytes as standard base64 or 64 hex characters)";

    private static AbstractThrowableAssert<?, ?> refused(String... args) {
        return refused(Map.of(), args);
    }

    private static AbstractThrowableAssert<?, ?> refused(Map<String, String> env, String... args) {
        return assertThatThrownBy(() -> load(env, args)).isInstanceOf(ConfigException.class);
    }

    @Test
    void aPortOutsideTheRangeOrNotANumberIsRefused() {
        refused("--port", "99999").hasMessage("--port: 99999 (expected: 0..65535)");
        refused(Map.of("GPROXY_PORT", "abc")).hasMessage("GPROXY_PORT: abc (expected: 0..65535)");
        refused("--port=-1").hasMessage("--port: -1 (expected: 0..65535)");
        refused("--port=").hasMessage("--port: '' (expected: 0..65535)");
    }

    @Test
    void countsMustBePositiveIntegers() {
        refused(Map.of("GPROXY_MAX_IN_FLIGHT", "abc"))
                .hasMessage("GPROXY_MAX_IN_FLIGHT: abc (expected: an integer >= 1)");
        refused("--max-attempts", "0").hasMessage("--max-attempts: 0 (expected: an integer >= 1)");
        refused("--max-in-flight", "99999999999")
                .hasMessage("--max-in-flight: 99999999999 (expected: an integer >= 1)");
    }

    @Test
    void theInstanceIdMustNotBeNegative() {
        refused("--instance-id", "-1").hasMessage("--instance-id: -1 (expected: an integer >= 0)");
        refused(Map.of("GPROXY_INSTANCE_ID", "node-1"))
                .hasMessage("GPROXY_INSTANCE_ID: node-1 (expected: an integer >= 0)");
    }

    @Test
    void switchesAreTrueOrFalseOnly() {
        refused("--metrics-public=yes").hasMessage("--metrics-public: yes (expected: true or false)");
        refused(Map.of("GPROXY_METRICS_PUBLIC", "1")).hasMessage("GPROXY_METRICS_PUBLIC: 1 (expected: true or false)");
    }

    @Test
    void drainTimeoutsNeedAUnitAndMustNotBeNegative() {
        refused("--drain-timeout", "30").hasMessage("--drain-timeout: 30 " + DURATION);
        refused("--drain-timeout", "PT-1S").hasMessage("--drain-timeout: PT-1S " + DURATION);
        refused("--drain-timeout", "P1Y").hasMessage("--drain-timeout: P1Y " + DURATION);
        refused("--drain-timeout=").hasMessage("--drain-timeout: '' " + DURATION);
    }

    @Test
    void upstreamTimeoutsMustBeDurationsAboveZero() {
        String above = "(expected: a duration above zero such as 10s, 5m or 1500ms)";
        refused("--connect-timeout", "0s").hasMessage("--connect-timeout: 0s " + above);
        refused(Map.of("GPROXY_STREAM_IDLE_TIMEOUT", "none")).hasMessage("GPROXY_STREAM_IDLE_TIMEOUT: none " + above);
        refused("--first-byte-timeout", "10").hasMessage("--first-byte-timeout: 10 " + DURATION);
        assertThat(load(Map.of("GPROXY_STREAM_IDLE_TIMEOUT", "2s"), "--connect-timeout", "1500ms").upstreamTimeouts())
                .isEqualTo(new UpstreamTimeouts(java.time.Duration.ofMillis(1500), java.time.Duration.ofSeconds(600),
                        java.time.Duration.ofSeconds(2)));
    }

    @Test
    void bodySizesNeedAKnownUnitAndAreCapped() {
        refused("--max-body-size", "50XB").hasMessage("--max-body-size: 50XB " + SIZE);
        refused("--max-body-size", "0").hasMessage("--max-body-size: 0 " + SIZE);
        refused("--max-body-size", "2048GiB").hasMessage("--max-body-size: 2048GiB " + SIZE);
        refused("--max-body-size", "99999999999999999999").hasMessage("--max-body-size: 99999999999999999999 " + SIZE);
    }

    @Test
    void unknownLogLevelsAreRefused() {
        refused("--log-level", "verbose").hasMessage("--log-level: verbose (expected: error, warn, info, debug, trace, "
                + "or SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST, ALL, OFF)");
    }

    @Test
    void theBindHostTakesNoPort() {
        refused("--host", "localhost:8787")
                .hasMessage("--host: localhost:8787 (expected: a host name or IP address, without port)");
        refused("--host", "999.1.1.1")
                .hasMessage("--host: 999.1.1.1 (expected: a host name or IP address, without port)");
        refused("--host", "http://0.0.0.0")
                .hasMessage("--host: http://0.0.0.0 (expected: a host name or IP address, without port)");
    }

    @Test
    void aBadValueInAWeakerSourceIsRefusedEvenWhenAStrongerOneOverridesIt() {
        refused(Map.of("GPROXY_PORT", "eighty"), "--port", "80").hasMessage("GPROXY_PORT: eighty (expected: 0..65535)");
    }

    @Test
    void aDsnWithAnotherSchemeIsRefusedWithItsCredentialsMasked() {
        refused("--dsn", "redis://u:pw@h:6379").hasMessage(
                "--dsn: redis://***@h:6379 " + DSN);
        refused(Map.of("GPROXY_DSN", "jdbc:postgresql://h/db")).hasMessage(
                "GPROXY_DSN: jdbc:postgresql://h/db " + DSN);
        refused("--dsn", "sqlite:").hasMessage(
                "--dsn: sqlite: " + DSN);
    }

    @Test
    void theRedisUrlMustBeRedisOrRediss() {
        refused("--redis-url", "http://cache:6379").hasMessage(
                "--redis-url: http://cache:6379 " + REDIS);
        refused(Map.of("GPROXY_REDIS_URL", "cache:6379")).hasMessage(
                "GPROXY_REDIS_URL: cache:6379 " + REDIS);
    }

    @Test
    void theUpstreamProxyMustBeAProxyUrlOrTheV2Form() {
        String expected = " (expected: an http://, https:// or socks5:// URL, or host:port:user:pass)";
        refused("--upstream-proxy-url", "ftp://u:pw@p:21")
                .hasMessage("--upstream-proxy-url: ftp://***@p:21" + expected);
        refused("--upstream-proxy-url", "p.example:99999:u:pw")
                .hasMessage("--upstream-proxy-url: p.example:99999:u:***" + expected);
        refused(Map.of("GPROXY_UPSTREAM_PROXY_URL", "p.example:8080"))
                .hasMessage("GPROXY_UPSTREAM_PROXY_URL: p.example:8080" + expected);
    }

    @Test
    void trustedProxiesArePlainIpLiterals() {
        refused("--trusted-proxy", "10.0.0.0/8").hasMessage("--trusted-proxy: 10.0.0.0/8 " + IP);
        refused("--trusted-proxy", "10.0.0.1,10.0.0.256").hasMessage("--trusted-proxy: 10.0.0.256 " + IP);
        refused(Map.of("GPROXY_TRUSTED_PROXIES", "proxy.internal"))
                .hasMessage("GPROXY_TRUSTED_PROXIES: proxy.internal " + IP);
        refused("--trusted-proxy", "fe80::1%eth0").hasMessage("--trusted-proxy: fe80::1%eth0 " + IP);
    }

    @Test
    void corsOriginsAreExactHttpOrigins() {
        refused("--cors-origin", "https://*.example.com").hasMessage("--cors-origin: https://*.example.com " + ORIGIN);
        refused("--cors-origin", "*").hasMessage("--cors-origin: * " + ORIGIN);
        refused("--cors-origin", "https://a.example/").hasMessage("--cors-origin: https://a.example/ " + ORIGIN);
        refused("--cors-origin", "https://a.example/app").hasMessage("--cors-origin: https://a.example/app " + ORIGIN);
        refused(Map.of("GPROXY_CORS_ORIGINS", "ftp://a.example"))
                .hasMessage("GPROXY_CORS_ORIGINS: ftp://a.example " + ORIGIN);
        refused("--cors-origin", "a.example").hasMessage("--cors-origin: a.example " + ORIGIN);
    }

    @Test
    void blankAdminNamesAndPasswordsAreRejected() {
        refused(Map.of("GPROXY_ADMIN_PASSWORD", "   ")).hasMessage("GPROXY_ADMIN_PASSWORD rejected: blank");
        refused("--admin-password=").hasMessage("--admin-password rejected: blank");
        refused("--admin-user", " ").hasMessage("--admin-user rejected: blank");
    }

    @Test
    void pathsMustNotBeBlank() {
        refused("--data-dir=").hasMessage("--data-dir: '' (expected: a path)");
        refused(Map.of("GPROXY_IMPORT_FILE", " ")).hasMessage("GPROXY_IMPORT_FILE: ' ' (expected: a path)");
    }

    @Test
    void aMalformedMasterKeyIsRefusedWithoutEchoingIt() {
        refused(Map.of("GPROXY_MASTER_KEY", "AAAAAAAAAAAAAAAAAAAAAA=="))
                .hasMessage("GPROXY_MASTER_KEY: 16 bytes " + KEY);
        refused(Map.of("GPROXY_MASTER_KEY", "not-base64!")).hasMessage("GPROXY_MASTER_KEY: not base64 or hex " + KEY);
    }

    @Test
    void theMasterKeyIsAcceptedAsHexToo() {
        String hex = "00".repeat(31) + "ff";
        assertThat(load(Map.of("GPROXY_MASTER_KEY", hex + "\n")).masterKey()).contains(hex);
    }

    @Test
    void theMasterKeyIsNotAFlag() {
        refused("--master-key", "x").hasMessage("--master-key: not accepted (expected: GPROXY_MASTER_KEY in the "
                + "environment; the master key is env-only so it stays out of files, shell history and process "
                + "listings)");
    }

    @Test
    void unknownFlagsAreRefusedWithASuggestion() {
        refused("--prot", "8787").hasMessage("unknown flag '--prot' (did you mean '--port'?)");
        refused("--cors-origins=https://a.example")
                .hasMessage("unknown flag '--cors-origins' (did you mean '--cors-origin'?)");
        refused("--cors", "https://a.example").hasMessage("unknown flag '--cors' (did you mean '--cors-origin'?)");
        refused("--data_dir", "d").hasMessage("unknown flag '--data_dir' (did you mean '--data-dir'?)");
        refused("--frobnicate").hasMessage("unknown flag '--frobnicate' (see --help)");
    }

    @Test
    void aSettingWithoutAFlagSaysWhereItGoes() {
        refused("--import-file", "x.json").hasMessage(
                "--import-file: not a flag (expected: GPROXY_IMPORT_FILE in the environment or import-file in "
                        + "the YAML file)");
    }

    @Test
    void flagsNeedTheirValueOnceAndNoStrayWords() {
        refused("serve").hasMessage("unexpected argument 'serve' (expected: --name value or --name=value)");
        refused("--").hasMessage("unexpected argument '--' (expected: --name value or --name=value)");
        refused("--port").hasMessage("--port: missing value (expected: --port VALUE or --port=VALUE)");
        refused("--host", "--port", "1").hasMessage("--host: missing value (expected: --host VALUE or --host=VALUE)");
        refused("--port", "1", "--port=2").hasMessage("--port: given more than once (expected: at most once)");
    }

    @Test
    void aConfigFileThatIsNamedMustExist() {
        refused("--config", "/nonexistent/gproxy.yaml")
                .hasMessage("--config: /nonexistent/gproxy.yaml (expected: an existing, readable YAML file)");
        refused(Map.of("GPROXY_CONFIG", "/nonexistent/gproxy.yaml"))
                .hasMessage("GPROXY_CONFIG: /nonexistent/gproxy.yaml (expected: an existing, readable YAML file)");
    }

    @Test
    void theExceptionNamesTheKeyAndIsAGatewayError() {
        refused(Map.of("GPROXY_PORT", "x")).satisfies(e -> {
            ConfigException c = (ConfigException) e;
            assertThat(c.key()).isEqualTo("GPROXY_PORT");
            assertThat(c.status()).isEqualTo(500);
            assertThat(c.code()).isEqualTo("invalid_config");
        });
    }
}
