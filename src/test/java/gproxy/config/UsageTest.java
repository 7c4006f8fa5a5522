package gproxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UsageTest {
    private static final List<String> V2_NAMES = List.of("GPROXY_HOST", "GPROXY_PORT", "GPROXY_DSN",
            "GPROXY_DATA_DIR", "GPROXY_REDIS_URL", "GPROXY_MASTER_KEY", "GPROXY_ADMIN_USER", "GPROXY_ADMIN_PASSWORD",
            "GPROXY_TRUSTED_PROXIES", "GPROXY_CORS_ORIGINS", "GPROXY_MAX_ATTEMPTS", "GPROXY_MAX_IN_FLIGHT",
            "GPROXY_IMPORT_FILE", "GPROXY_UPSTREAM_PROXY_URL", "GPROXY_INSTANCE_ID");

    @Test
    void helpListsEveryEnvironmentVariableIncludingTheV2Names() {
        String usage = SettingsLoader.usage();
        assertThat(usage).contains(V2_NAMES);
        for (Key key : Key.values()) {
            key.env().ifPresent(env -> assertThat(usage).contains(env));
        }
    }

    @Test
    void helpListsEveryFlagYamlKeyAndDefault() {
        String usage = SettingsLoader.usage();
        for (Key key : Key.values()) {
            key.flag().ifPresent(flag -> assertThat(usage).contains(flag + " "));
            key.yaml().ifPresent(yaml -> assertThat(usage).contains("yaml " + yaml));
            assertThat(usage).contains("; default: " + key.defaultText() + "\n");
        }
    }

    @Test
    void helpSaysThatAnEmptyVariableIsUnsetAndTheMasterKeyIsEnvOnly() {
        assertThat(SettingsLoader.usage()).contains("set to the empty string counts as unset", "environment only");
    }
}
