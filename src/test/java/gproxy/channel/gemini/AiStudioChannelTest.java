package gproxy.channel.gemini;

import static gproxy.channel.Inputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import gproxy.channel.ChannelException;
import gproxy.channel.Inputs;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

class AiStudioChannelTest {
    private static final String BASE = "https://generativelanguage.googleapis.com";
    private final AiStudioChannel gemini = new AiStudioChannel();

    static Stream<Arguments> nativeEndpoints() {
        return Stream.of(
                Arguments.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE,
                        "/v1beta/models/gemini-2.5-flash:generateContent"),
                Arguments.of(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE,
                        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"),
                Arguments.of(Operation.COUNT_TOKENS, Kind.GEMINI, "/v1beta/models/gemini-2.5-flash:countTokens"),
                Arguments.of(Operation.LIST_MODELS, Kind.GEMINI, "/v1beta/models"),
                Arguments.of(Operation.GET_MODEL, Kind.GEMINI, "/v1beta/models/gemini-2.5-flash"),
                Arguments.of(Operation.CREATE_EMBEDDING, Kind.GEMINI, "/v1beta/models/gemini-2.5-flash:embedContent"));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("nativeEndpoints")
    void theModelIsInThePathAndTheKeyInXGoogApiKey(Operation op, Kind kind, String path) {
        UpstreamRequest r = gemini.prepare(Inputs.of(op, kind).model("gemini-2.5-flash")
                .header("x-goog-api-key", "client-key").build());

        assertThat(r.uri()).hasToString(BASE + path);
        assertThat(r.uri().toString()).doesNotContain("key=");
        assertThat(header(r, "x-goog-api-key")).isEqualTo(Inputs.API_KEY);
        assertThat(header(r, "authorization")).isNull();
        assertThat(r.streaming()).isEqualTo(op.streaming());
    }

    @Test
    void streamingAsksForServerSentEvents() {
        UpstreamRequest r = gemini.prepare(Inputs.of(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE)
                .model("gemini-2.5-pro").build());

        assertThat(r.uri().getQuery()).isEqualTo("alt=sse");
        assertThat(header(r, "accept")).isEqualTo("text/event-stream");
    }

    @Test
    void aModelAlreadyNamedAsAResourceIsNotDoubled() {
        UpstreamRequest r = gemini.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE)
                .model("models/gemini-2.5-pro").build());

        assertThat(r.uri()).hasToString(BASE + "/v1beta/models/gemini-2.5-pro:generateContent");
    }

    @Test
    void openAiChatPassesThroughToTheCompatibilityLayerWithABearerKey() {
        UpstreamRequest r = gemini.prepare(Inputs.of(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT)
                .model("gemini-2.5-flash").build());

        assertThat(r.uri()).hasToString(BASE + "/v1beta/openai/chat/completions");
        assertThat(header(r, "authorization")).isEqualTo("Bearer " + Inputs.API_KEY);
        assertThat(header(r, "x-goog-api-key")).isNull();
        assertThat(gemini.defaultRoutingRules().get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT)))
                .isEqualTo(RoutingDecision.PASSTHROUGH);
    }

    @Test
    void claudeAndResponsesConvertToNativeGemini() {
        for (Kind kind : new Kind[] {Kind.CLAUDE_MESSAGES, Kind.OPENAI_RESPONSES}) {
            assertThat(gemini.defaultRoutingRules().get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, kind)))
                    .isEqualTo(RoutingDecision.transformTo(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE));
        }
        assertThat(gemini.defaultRoutingRules().get(OperationKey.of(Operation.LIST_MODELS, Kind.CLAUDE)))
                .isEqualTo(RoutingDecision.transformTo(Operation.LIST_MODELS, Kind.GEMINI));
        assertThat(gemini.defaultRoutingRules().get(OperationKey.of(Operation.CREATE_IMAGE, Kind.OPENAI)))
                .isEqualTo(RoutingDecision.UNSUPPORTED);
    }

    @Test
    void aBaseUrlSettingReplacesTheOrigin() {
        UpstreamRequest r = gemini.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE).model("g")
                .settings("{\"base_url\":\"http://127.0.0.1:7000\"}").build());

        assertThat(r.uri()).hasToString("http://127.0.0.1:7000/v1beta/models/g:generateContent");
    }

    @Test
    void generationWithoutAModelIsRefused() {
        assertThatThrownBy(() -> gemini.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE).build()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("model");
    }

    @Test
    void claudeKeysHaveNoEndpointHere() {
        assertThatThrownBy(() -> gemini.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)
                .model("g").build())).isInstanceOf(ChannelException.class).hasMessageContaining("aistudio");
    }
}
