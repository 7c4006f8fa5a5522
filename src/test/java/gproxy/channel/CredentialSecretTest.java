package gproxy.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialSecretTest {
    private static final String SECRET = "sk-live-do-not-echo-me";

    @Test
    void theApiKeyIsReadAndTrimmed() {
        assertThat(CredentialSecret.of("{\"api_key\":\"  " + SECRET + " \"}").apiKey()).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"apikey\":\"" + SECRET + "\"}",
        "{\"key\":\"" + SECRET + "\"}",
        "{\"api_key\":\"   \"}",
        "{\"api_key\":42}",
        "{\"api_key\":null, \"other\":\"" + SECRET + "\"}"})
    void aSecretWithoutAUsableApiKeyNamesTheFieldWithoutEchoingTheSecret(String json) {
        assertThatThrownBy(() -> CredentialSecret.of(json).apiKey())
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("api_key")
                .hasMessageContaining("expected: {\"api_key\":\"...\"}")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {SECRET, "{\"api_key\":\"" + SECRET, "[\"" + SECRET + "\"]", "\"" + SECRET + "\""})
    void aSecretThatIsNotAJsonObjectSaysSoWithoutEchoingIt(String json) {
        assertThatThrownBy(() -> CredentialSecret.of(json).apiKey())
                .isInstanceOf(ChannelException.class)
                .hasMessageStartingWith("credential secret: not ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void anApiKeyThatCouldSplitAHeaderIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CredentialSecret.of("{\"api_key\":\"" + SECRET + "\\r\\nX-Evil: 1\"}").apiKey())
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("api_key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void neitherTheSecretNorAPrepareInputPrintsTheKey() {
        PrepareInput in = Inputs.of(gproxy.protocol.Operation.LIST_MODELS, gproxy.protocol.Kind.OPENAI).build();

        assertThat(in.secret().toString()).doesNotContain(Inputs.API_KEY);
        assertThat(in.toString()).doesNotContain(Inputs.API_KEY);
    }

    @Test
    void aChannelExceptionIsABadGatewayWithAStableCode() {
        ChannelException e = ChannelException.invalidCredential("x");

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.code()).isEqualTo("channel_credential_invalid");
    }
}
