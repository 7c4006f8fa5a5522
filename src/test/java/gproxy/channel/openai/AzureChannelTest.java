package gproxy.channel.openai;

import static gproxy.channel.Inputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gproxy.channel.ChannelException;
import gproxy.channel.Inputs;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

class AzureChannelTest {
    private final AzureChannel azure = new AzureChannel();

    private UpstreamRequest prepare(Operation op, Kind kind, String settings) {
        return azure.prepare(Inputs.of(op, kind).model("gpt-4o").settings(settings)
                .header("Authorization", "Bearer client").header("api-key", "client").build());
    }

    @Test
    void chatGoesToTheDeploymentUrlWithTheGaApiVersionAndTheApiKeyHeader() {
        UpstreamRequest r = prepare(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT, "{\"resource\":\"contoso\"}");

        assertThat(r.uri()).hasToString(
                "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
        assertThat(header(r, "api-key")).isEqualTo(Inputs.API_KEY);
        assertThat(header(r, "authorization")).isNull();
        assertThat(r.streaming()).isTrue();
    }

    @Test
    void deploymentApiVersionAndBaseUrlSettingsWin() {
        UpstreamRequest r = prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT, """
                {"resource":"ignored","base_url":"https://gw.example.com/azure/","deployment":"prod-4o",
                 "api_version":"2025-04-01-preview"}""");

        assertThat(r.uri()).hasToString(
                "https://gw.example.com/azure/openai/deployments/prod-4o/chat/completions?api-version=2025-04-01-preview");
    }

    @Test
    void embeddingsAndImagesUseTheirDeploymentPaths() {
        assertThat(prepare(Operation.CREATE_EMBEDDING, Kind.OPENAI, "{\"resource\":\"r\"}").uri()).hasToString(
                "https://r.openai.azure.com/openai/deployments/gpt-4o/embeddings?api-version=2024-10-21");
        assertThat(prepare(Operation.CREATE_IMAGE, Kind.OPENAI, "{\"resource\":\"r\"}").uri()).hasToString(
                "https://r.openai.azure.com/openai/deployments/gpt-4o/images/generations?api-version=2024-10-21");
    }

    @Test
    void withoutBaseUrlOrResourceTheErrorSaysWhatToSet() {
        assertThatThrownBy(() -> prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT, "{}"))
                .isInstanceOf(ChannelException.class).hasMessageContaining("base_url: required unless \"resource\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"resource\":\"a.b/c\"}", "{\"resource\":\"r\",\"deployment\":\"x/../y\"}",
        "{\"resource\":\"r\",\"api_version\":\"1&key=2\"}"})
    void valuesThatWouldReshapeTheUrlAreRefused(String settings) {
        assertThatThrownBy(() -> prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT, settings))
                .isInstanceOf(ChannelException.class).hasMessageContaining("expected: letters, digits");
    }

    @Test
    void aModelThatCannotBeADeploymentNameSaysWhereTheNameCameFrom() {
        assertThatThrownBy(() -> azure.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT)
                .model("openai/gpt-4o").settings("{\"resource\":\"r\"}").build()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("the model name is used");
    }

    @Test
    void responsesAndModelListsAreNotAzureEndpoints() {
        assertThatThrownBy(() -> prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_RESPONSES, "{\"resource\":\"r\"}"))
                .isInstanceOf(ChannelException.class);
        assertThat(azure.defaultRoutingRules().get(OperationKey.of(Operation.LIST_MODELS, Kind.OPENAI)))
                .isEqualTo(RoutingDecision.LOCAL);
        assertThat(azure.defaultRoutingRules().get(OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_RESPONSES)))
                .isEqualTo(RoutingDecision.transformTo(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT));
    }

    @Test
    void theCatalogueOffersResourceDeploymentAndApiVersion() {
        assertThat(azure.metadata().settingsFields()).extracting(f -> f.name())
                .contains("base_url", "resource", "deployment", "api_version");
        assertThat(azure.metadata().defaultBaseUrl()).isEmpty();
    }
}
