package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one-time banner says what to do with what it shows, and never echoes a password it was given. */
class BootstrapBannerTest {

    @Test
    void aGeneratedPasswordIsShownWithTheAdviceToChangeIt() {
        String text = print(new BootstrapAdmin.Credentials(Optional.of("gen-pass-1"), "sk-key"));

        assertThat(text).contains("password: gen-pass-1", "API key:  sk-key", "change the generated password");
    }

    @Test
    void aPasswordFromTheEnvironmentIsNotEchoedAndTheBannerSaysToUnsetIt() {
        String text = print(new BootstrapAdmin.Credentials(Optional.empty(), "sk-key"));

        assertThat(text).contains("(as set by GPROXY_ADMIN_PASSWORD)", "Unset GPROXY_ADMIN_PASSWORD")
                .doesNotContain("generated password");
    }

    private static String print(BootstrapAdmin.Credentials credentials) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BootstrapBanner.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "admin", credentials);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
