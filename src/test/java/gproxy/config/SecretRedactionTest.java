package gproxy.config;

import static gproxy.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets (admin password, master key, passwords in DSN, Redis and proxy URLs) never reach a message. */
class SecretRedactionTest {
    private static final String SECRET = "hunter2";

    @TempDir
    Path dir;

    private static String messageOf(Map<String, String> env, String... args) {
        Throwable t = catchThrowable(() -> load(env, args));
        assertThat(t).isInstanceOf(ConfigException.class);
        return t.getMessage();
    }

    private String messageOfYaml(String text) {
        Path file = Fixtures.yaml(dir, text);
        return messageOf(Map.of(), "--config", file.toString());
    }

    @Test
    void toStringShowsNoSecret() {
        Settings s = load(Map.of("GPROXY_MASTER_KEY", Fixtures.MASTER_KEY),
                "--admin-password", SECRET, "--dsn", "postgres://gproxy:" + SECRET + "@db/gproxy?password=" + SECRET,
                "--redis-url", "redis://" + SECRET + "@cache:6379",
                "--upstream-proxy-url", "http://u:" + SECRET + "@p:3128");
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain(Fixtures.MASTER_KEY)
                .contains("adminPassword=set", "masterKey=set", "postgres://gproxy:***@db/gproxy?password=***",
                        "redis://***@cache:6379", "http://***@p:3128");
        Settings v2Proxy = load("--upstream-proxy-url", "p:3128:u:" + SECRET);
        assertThat(v2Proxy.toString()).doesNotContain(SECRET).contains("p:3128:u:***");
    }

    @Test
    void aPasswordWithAnAtSignIsMaskedWhole() {
        assertThat(Settings.redactDsn("mysql://u:pa@ss@db/g")).isEqualTo("mysql://u:***@db/g");
    }

    @Test
    void refusedValuesThatMayHoldCredentialsAreMasked() {
        assertThat(messageOf(Map.of("GPROXY_DSN", "oracle://u:" + SECRET + "@db/x"))).doesNotContain(SECRET);
        assertThat(messageOf(Map.of("GPROXY_DSN", "mongodb://db/x?password=" + SECRET))).doesNotContain(SECRET);
        assertThat(messageOf(Map.of(), "--redis-url", "memcached://" + SECRET + "@cache")).doesNotContain(SECRET);
        assertThat(messageOf(Map.of(), "--upstream-proxy-url", "ftp://" + SECRET + "@p")).doesNotContain(SECRET);
        assertThat(messageOf(Map.of(), "--upstream-proxy-url", "p:0:u:" + SECRET)).doesNotContain(SECRET);
    }

    @Test
    void theMasterKeyNeverAppearsInARefusal() {
        String wrongLength = Fixtures.MASTER_KEY.substring(0, 40);
        assertThat(messageOf(Map.of("GPROXY_MASTER_KEY", wrongLength))).doesNotContain(wrongLength);
        assertThat(messageOf(Map.of(), "--master-key", Fixtures.MASTER_KEY)).doesNotContain(Fixtures.MASTER_KEY);
        assertThat(messageOf(Map.of(), "--master-key=" + Fixtures.MASTER_KEY)).doesNotContain(Fixtures.MASTER_KEY);
        assertThat(messageOfYaml("master-key: " + Fixtures.MASTER_KEY)).doesNotContain(Fixtures.MASTER_KEY);
    }

    @Test
    void aMisspeltFlagDoesNotEchoItsValue() {
        assertThat(messageOf(Map.of(), "--admin-pasword=" + SECRET))
                .isEqualTo("unknown flag '--admin-pasword' (did you mean '--admin-password'?)");
    }

    @Test
    void yamlMistakesAroundThePasswordDoNotEchoIt() {
        assertThat(messageOfYaml("admin:\n  password: [" + SECRET + "]\n")).doesNotContain(SECRET);
        assertThat(messageOfYaml("admin: " + SECRET + "\n")).doesNotContain(SECRET);
        assertThat(messageOfYaml("admin:\n  password: \"" + SECRET + "\n")).doesNotContain(SECRET);
        assertThat(messageOfYaml("admin:\n  password: " + SECRET + "\n  pasword: x\n")).doesNotContain(SECRET);
    }

    @Test
    void rawValuesDoNotPrintTheirText() {
        assertThat(RawValue.of("GPROXY_ADMIN_PASSWORD", SECRET).toString()).doesNotContain(SECRET);
    }
}
