package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSettingsTest {
    private static final Optional<String> DEFAULT = Optional.of("https://api.example.com");

    @Test
    void theChannelDefaultAppliesWithoutABaseUrl() {
        assertThat(ProviderSettings.empty().baseUrl(DEFAULT)).isEqualTo("https://api.example.com");
        assertThat(ProviderSettings.parse("{\"base_url\":\"  \"}").baseUrl(DEFAULT)).isEqualTo("https://api.example.com");
    }

    @Test
    void aBaseUrlOverridesTheDefaultWithoutItsTrailingSlash() {
        assertThat(ProviderSettings.parse("{\"base_url\":\"http://127.0.0.1:8080/proxy/\"}").baseUrl(DEFAULT))
                .isEqualTo("http://127.0.0.1:8080/proxy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "ftp://example.com", "https://", "https://a.b/?x=1", "https://a.b/#f",
        "not a url"})
    void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRefused(String url) {
        assertThatThrownBy(() -> ProviderSettings.parse("{\"base_url\":\"" + url + "\"}").baseUrl(DEFAULT))
                .isInstanceOf(ChannelException.class).hasMessageContaining("base_url");
    }

    @Test
    void aChannelWithoutADefaultRequiresABaseUrl() {
        assertThatThrownBy(() -> ProviderSettings.empty().baseUrl(Optional.empty()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("base_url: required");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> ProviderSettings.parse("{\"base_url\":42}").baseUrl(DEFAULT))
                .isInstanceOf(ChannelException.class).hasMessageContaining("base_url: number (expected: a string)");
        assertThatThrownBy(() -> ProviderSettings.parse("{\"allowed_headers\":\"x\"}").allowedHeaders())
                .isInstanceOf(ChannelException.class).hasMessageContaining("allowed_headers");
    }

    @Test
    void malformedSettingsAreAChannelError() {
        assertThatThrownBy(() -> ProviderSettings.parse("{nope")).isInstanceOf(ChannelException.class)
                .hasMessageContaining("settings_json");
    }

    @Test
    void allowedHeadersAreLowerCased() {
        assertThat(ProviderSettings.parse("{\"allowed_headers\":[\"X-Team\", \" \"]}").allowedHeaders())
                .containsExactly("x-team");
    }
}
