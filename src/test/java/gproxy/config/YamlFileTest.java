package gproxy.config;

import static gproxy.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFileTest {
    @TempDir
    Path dir;

    private Path file;

    private Settings loadYaml(String text) {
        file = Fixtures.yaml(dir, text);
        return load("--config", file.toString());
    }

    private AbstractThrowableAssert<?, ?> refused(String text) {
        file = Fixtures.yaml(dir, text);
        return assertThatThrownBy(() -> load("--config", file.toString())).isInstanceOf(ConfigException.class);
    }

    @Test
    void anUnknownKeyIsReportedWithItsFullPathFileLineAndASuggestion() {
        refused("server:\n  host: 0.0.0.0\nsever:\n  port: 1\n")
                .hasMessage("unknown key 'sever.port' in " + file + ":4 (did you mean 'server.port'?)");
        refused("server:\n  prot: 1\n")
                .hasMessage("unknown key 'server.prot' in " + file + ":2 (did you mean 'server.port'?)");
        refused("sever.port: 1\n")
                .hasMessage("unknown key 'sever.port' in " + file + ":1 (did you mean 'server.port'?)");
        refused("colour: blue\n").hasMessage("unknown key 'colour' in " + file + ":1 (see --help)");
        refused("server:\n  cors: []\n").hasMessage(
                "unknown key 'server.cors' in " + file + ":2 (did you mean 'server.cors-origins'?)");
    }

    @Test
    void theMasterKeyIsRefusedInTheFileWithoutEchoingIt() {
        refused("master-key: " + Fixtures.MASTER_KEY + "\n").hasMessage("master-key: not accepted in " + file
                + ":1 (expected: GPROXY_MASTER_KEY in the environment; the master key is env-only so it stays out of "
                + "files, shell history and process listings)");
    }

    @Test
    void nestedAndDottedKeysAreTheSameKey() {
        assertThat(loadYaml("server.port: 1\nserver:\n  host: ::1\n").port()).isEqualTo(1);
        assertThat(loadYaml("server.port: 1\nserver:\n  host: ::1\n").host()).isEqualTo("::1");
        refused("server.port: 1\nserver:\n  port: 2\n").hasMessage("duplicate key 'server.port' in " + file + ":3");
    }

    @Test
    void valueErrorsNameTheKeyAndTheLine() {
        refused("server:\n  port: 99999\n").hasMessage("server.port: 99999 (expected: 0..65535) at " + file + ":2");
        refused("metrics:\n  public: yes\n")
                .hasMessage("metrics.public: yes (expected: true or false) at " + file + ":2");
        refused("admin:\n  password: '  '\n").hasMessage("admin.password rejected: blank at " + file + ":2");
        refused("server:\n  trusted-proxies:\n    - 10.0.0.1\n    - proxy.internal\n").hasMessage(
                "server.trusted-proxies: proxy.internal (expected: an IP address literal such as 10.0.0.1 or ::1;"
                        + " no host names or CIDR) at " + file + ":4");
    }

    @Test
    void aBadValueInTheFileIsRefusedEvenWhenTheEnvironmentOverridesIt() {
        file = Fixtures.yaml(dir, "server:\n  max-in-flight: 0\n");
        assertThatThrownBy(() -> load(Map.of("GPROXY_MAX_IN_FLIGHT", "8"), "--config", file.toString()))
                .hasMessage("server.max-in-flight: 0 (expected: an integer >= 1) at " + file + ":2");
    }

    @Test
    void wrongShapesNameTheKey() {
        refused("server:\n  port: [1, 2]\n")
                .hasMessage("server.port: a list (expected: a single value) at " + file + ":2");
        refused("log:\n  level: {a: 1}\n")
                .hasMessage("log.level: a mapping (expected: a single value) at " + file + ":2");
        refused("server:\n  cors-origins: https://a.example\n").hasMessage(
                "server.cors-origins: https://a.example (expected: a list) at " + file + ":2");
        refused("server:\n  trusted-proxies:\n    - {ip: 10.0.0.1}\n").hasMessage(
                "server.trusted-proxies: a mapping (expected: a list of single values) at " + file + ":3");
        refused("server: 8787\n")
                .hasMessage("server: a single value (expected: a mapping of server.* keys) at " + file + ":1");
        refused("- server\n")
                .hasMessage("invalid YAML in " + file + ":1 (expected: a mapping of settings at the top level)");
        refused("? [a, b]\n: 1\n").hasMessage("invalid YAML in " + file + ":1 (expected: text keys)");
    }

    @Test
    void brokenYamlIsReportedWithItsPosition() {
        refused("server:\n  port: 1\n  host: [\n").hasMessage("invalid YAML in " + file
                + ":4 (while parsing a flow node, expected the node content, but found '<stream end>')");
        refused("a: 1\n---\nb: 2\n").hasMessage("invalid YAML in " + file
                + ":2 (expected a single document in the stream, but found another document)");
        refused("a: b: c\n").hasMessage("invalid YAML in " + file + ":1 (mapping values are not allowed here)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', 'd', 'm', 'i', 'n', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> load("--config", file.toString()))
                .hasMessage("invalid YAML in " + file + " (expected: UTF-8 text)");
    }

    @Test
    void tildeAndEmptyValuesAreUnset() {
        assertThat(loadYaml("server:\n  port: ~\n  host:\n  cors-origins:\nadmin:\n  password: ''\ndatabase:\n"))
                .isEqualTo(Fixtures.defaults());
        assertThat(loadYaml("")).isEqualTo(Fixtures.defaults());
        assertThat(loadYaml("# only comments\n")).isEqualTo(Fixtures.defaults());
    }

    @Test
    void anEmptyYamlListIsAnEmptyList() {
        assertThat(loadYaml("server:\n  trusted-proxies: []\n").trustedProxies()).isEmpty();
    }

    @Test
    void everyKeyCanBeSetInTheFile() {
        Settings s = loadYaml("""
                server: {host: 0.0.0.0, port: 9000, trusted-proxies: [10.0.0.9], cors-origins: ["https://c.example"],
                         max-in-flight: 8, max-body-size: 1MiB}
                data-dir: %s
                database: {dsn: "mysql://gproxy@db/gproxy"}
                cache: {redis-url: "redis://cache:6379"}
                admin: {user: ops, password: s3cret}
                routing: {max-attempts: 2, upstream-proxy-url: "socks5://127.0.0.1:1080", connect-timeout: 3s}
                instance-id: 4
                shutdown: {drain-timeout: 10s}
                log: {level: warn}
                metrics: {public: true}
                import-file: %s
                """.formatted(dir.resolve("data"), dir.resolve("seed.json")));
        assertThat(s).isEqualTo(new Settings("0.0.0.0", 9000, dir.resolve("data"), "mysql://gproxy@db/gproxy",
                Optional.of("redis://cache:6379"), "ops", Optional.of("s3cret"), List.of("10.0.0.9"),
                List.of("https://c.example"), 2, 8, Optional.of("socks5://127.0.0.1:1080"), 4,
                Optional.of(Duration.ofSeconds(10)), "WARNING", true, 1L << 20, Optional.of(dir.resolve("seed.json")),
                Optional.empty(), new UpstreamTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(600),
                        Duration.ofSeconds(300)), "gproxy:", Duration.ofSeconds(30)));
    }
}
