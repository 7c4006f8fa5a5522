package gproxy.config;

import static gproxy.config.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** etc/gproxy.yaml, as shipped: it loads, changes nothing, and documents every setting. */
class ShippedConfigTest {
    private static final Path SHIPPED = Path.of("etc/gproxy.yaml");

    @Test
    void theShippedFileLoadsToTheDefaults() {
        // It sets server.host, server.port and log.level explicitly, each to its default.
        assertThat(load("--config", SHIPPED.toString())).isEqualTo(Fixtures.defaults());
    }

    @Test
    void theShippedFileMentionsEveryKeyAndVariable() throws IOException {
        String text = Files.readString(SHIPPED);
        for (Key key : Key.values()) {
            key.yaml().ifPresent(y -> assertThat(text).contains(y.substring(y.lastIndexOf('.') + 1) + ":"));
            if (key != Key.CONFIG) {
                key.env().ifPresent(e -> assertThat(text).contains(e));
            }
            key.flag().filter(f -> key != Key.CONFIG).ifPresent(f -> assertThat(text).contains(f));
        }
    }

    @Test
    void everyDefaultInTheHelpParsesToTheDefaultSetting() {
        Settings defaults = Fixtures.defaults();
        assertThat(load("--host", Key.HOST.defaultText())).isEqualTo(defaults);
        assertThat(load("--port", Key.PORT.defaultText())).isEqualTo(defaults);
        assertThat(load("--data-dir", Key.DATA_DIR.defaultText())).isEqualTo(defaults);
        assertThat(load("--admin-user", Key.ADMIN_USER.defaultText())).isEqualTo(defaults);
        assertThat(load("--max-attempts", Key.MAX_ATTEMPTS.defaultText())).isEqualTo(defaults);
        assertThat(load("--max-in-flight", Key.MAX_IN_FLIGHT.defaultText())).isEqualTo(defaults);
        assertThat(load("--instance-id", Key.INSTANCE_ID.defaultText())).isEqualTo(defaults);
        assertThat(load("--drain-timeout", Key.DRAIN_TIMEOUT.defaultText())).isEqualTo(defaults);
        assertThat(load("--log-level", Key.LOG_LEVEL.defaultText())).isEqualTo(defaults);
        assertThat(load("--metrics-public", Key.METRICS_PUBLIC.defaultText())).isEqualTo(defaults);
        assertThat(load("--max-body-size", Key.MAX_BODY_SIZE.defaultText())).isEqualTo(defaults);
    }
}
