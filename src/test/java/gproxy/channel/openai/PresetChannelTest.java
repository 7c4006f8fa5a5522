package gproxy.channel.openai;

import static gproxy.channel.Inputs.header;
import static gproxy.protocol.Kind.CLAUDE;
import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.protocol.Operation.COUNT_TOKENS;
import static gproxy.protocol.Operation.CREATE_EMBEDDING;
import static gproxy.protocol.Operation.CREATE_IMAGE;
import static gproxy.protocol.Operation.GENERATE_CONTENT;
import static gproxy.protocol.Operation.GET_MODEL;
import static gproxy.protocol.Operation.LIST_MODELS;
import static gproxy.protocol.Operation.STREAM_GENERATE_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import gproxy.channel.ChannelException;
import gproxy.channel.Inputs;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import io.helidon.http.Method;

class PresetChannelTest {
    private static final Map<String, PresetChannel> CHANNELS = Presets.ALL.stream()
            .collect(Collectors.toMap(Preset::id, PresetChannel::new));

    static Stream<Arguments> endpoints() {
        return Stream.of(
                row("openai", GENERATE_CONTENT, OPENAI_CHAT, "https://api.openai.com/v1/chat/completions"),
                row("openai", STREAM_GENERATE_CONTENT, OPENAI_RESPONSES, "https://api.openai.com/v1/responses"),
                row("openai", LIST_MODELS, OPENAI, "https://api.openai.com/v1/models"),
                row("openai", GET_MODEL, OPENAI, "https://api.openai.com/v1/models/gpt-4o"),
                row("openai", COUNT_TOKENS, OPENAI, "https://api.openai.com/v1/responses/input_tokens"),
                row("openai", CREATE_EMBEDDING, OPENAI, "https://api.openai.com/v1/embeddings"),
                row("openai", CREATE_IMAGE, OPENAI, "https://api.openai.com/v1/images/generations"),
                row("deepseek", STREAM_GENERATE_CONTENT, OPENAI_CHAT, "https://api.deepseek.com/chat/completions"),
                row("deepseek", GENERATE_CONTENT, CLAUDE_MESSAGES, "https://api.deepseek.com/anthropic/v1/messages"),
                row("deepseek", LIST_MODELS, OPENAI, "https://api.deepseek.com/models"),
                row("groq", GENERATE_CONTENT, OPENAI_CHAT, "https://api.groq.com/openai/v1/chat/completions"),
                row("groq", LIST_MODELS, OPENAI, "https://api.groq.com/openai/v1/models"),
                row("openrouter", STREAM_GENERATE_CONTENT, OPENAI_CHAT, "https://openrouter.ai/api/v1/chat/completions"),
                row("openrouter", GET_MODEL, OPENAI, "https://openrouter.ai/api/v1/models/gpt-4o"),
                row("nvidia", GENERATE_CONTENT, OPENAI_CHAT, "https://integrate.api.nvidia.com/v1/chat/completions"),
                row("nvidia", LIST_MODELS, OPENAI, "https://integrate.api.nvidia.com/v1/models"),
                row("xai", GENERATE_CONTENT, OPENAI_CHAT, "https://api.x.ai/v1/chat/completions"),
                row("xai", STREAM_GENERATE_CONTENT, OPENAI_RESPONSES, "https://api.x.ai/v1/responses"),
                row("glm", GENERATE_CONTENT, OPENAI_CHAT, "https://open.bigmodel.cn/api/paas/v4/chat/completions"),
                row("kimi", STREAM_GENERATE_CONTENT, OPENAI_CHAT, "https://api.moonshot.ai/v1/chat/completions"),
                row("kimi", LIST_MODELS, OPENAI, "https://api.moonshot.ai/v1/models"),
                row("minimax", GENERATE_CONTENT, OPENAI_CHAT, "https://api.minimax.io/v1/chat/completions"),
                row("minimax", STREAM_GENERATE_CONTENT, CLAUDE_MESSAGES, "https://api.minimax.io/anthropic/v1/messages"),
                row("vercel", GENERATE_CONTENT, OPENAI_CHAT, "https://ai-gateway.vercel.sh/v1/chat/completions"),
                row("vercel", CREATE_EMBEDDING, OPENAI, "https://ai-gateway.vercel.sh/v1/embeddings"),
                row("vercel", GET_MODEL, OPENAI, "https://ai-gateway.vercel.sh/v1/models/gpt-4o"));
    }

    private static Arguments row(String channel, Operation op, Kind kind, String url) {
        return Arguments.of(channel, OperationKey.of(op, kind), url);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void eachPresetBuildsItsDocumentedUrlWithItsAuthHeader(String channel, OperationKey key, String url) {
        UpstreamRequest r = CHANNELS.get(channel).prepare(Inputs.of(key).model("gpt-4o").build());

        assertThat(r.uri()).hasToString(url);
        assertThat(r.method()).isEqualTo(key.operation() == LIST_MODELS || key.operation() == GET_MODEL
                ? Method.GET : Method.POST);
        assertThat(r.streaming()).isEqualTo(key.operation().streaming());
        if (key.kind().family() == Kind.Family.CLAUDE) {
            assertThat(header(r, "x-api-key")).isEqualTo(Inputs.API_KEY);
            assertThat(header(r, "anthropic-version")).isEqualTo("2023-06-01");
            assertThat(header(r, "authorization")).isNull();
        } else {
            assertThat(header(r, "authorization")).isEqualTo("Bearer " + Inputs.API_KEY);
            assertThat(header(r, "x-api-key")).isNull();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void everyTabledEndpointIsAPassthroughCellOfItsChannel(String channel, OperationKey key, String url) {
        assertThat(CHANNELS.get(channel).defaultRoutingRules().get(key)).isEqualTo(RoutingDecision.PASSTHROUGH);
    }

    @Test
    void theOpenAiPresetIdsAndBaseUrlsAreTheDocumentedOnes() {
        assertThat(Presets.ALL).extracting(Preset::id, Preset::baseUrl).containsExactly(
                tuple("openai", "https://api.openai.com"),
                tuple("deepseek", "https://api.deepseek.com"),
                tuple("groq", "https://api.groq.com/openai"),
                tuple("openrouter", "https://openrouter.ai/api"),
                tuple("nvidia", "https://integrate.api.nvidia.com"),
                tuple("xai", "https://api.x.ai"),
                tuple("glm", "https://open.bigmodel.cn/api/paas/v4"),
                tuple("kimi", "https://api.moonshot.ai"),
                tuple("minimax", "https://api.minimax.io"),
                tuple("vercel", "https://ai-gateway.vercel.sh"));
    }

    @Test
    void aBaseUrlSettingReplacesThePresetOrigin() {
        UpstreamRequest r = CHANNELS.get("groq").prepare(Inputs.of(GENERATE_CONTENT, OPENAI_CHAT)
                .settings("{\"base_url\":\"http://127.0.0.1:9999/groq/\"}").build());

        assertThat(r.uri()).hasToString("http://127.0.0.1:9999/groq/v1/chat/completions");
    }

    @Test
    void openAiConvertsForeignDialectsToResponsesAndTheOthersToChat() {
        OperationKey claude = OperationKey.of(STREAM_GENERATE_CONTENT, CLAUDE_MESSAGES);

        assertThat(CHANNELS.get("openai").defaultRoutingRules().get(claude))
                .isEqualTo(RoutingDecision.transformTo(STREAM_GENERATE_CONTENT, OPENAI_RESPONSES));
        for (String id : new String[] {"groq", "openrouter", "nvidia", "xai", "glm", "kimi", "vercel"}) {
            assertThat(CHANNELS.get(id).defaultRoutingRules().get(claude)).as(id)
                    .isEqualTo(RoutingDecision.transformTo(STREAM_GENERATE_CONTENT, OPENAI_CHAT));
        }
        assertThat(CHANNELS.get("deepseek").defaultRoutingRules().get(claude)).isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(CHANNELS.get("deepseek").defaultRoutingRules()
                .get(OperationKey.of(GENERATE_CONTENT, OPENAI_RESPONSES))).isEqualTo(RoutingDecision.transformTo(GENERATE_CONTENT, OPENAI_CHAT));
    }

    @Test
    void upstreamsWithoutEndpointsForAnOperationAnswerItLocallyOrRefuseIt() {
        Map<OperationKey, RoutingDecision> groq = CHANNELS.get("groq").defaultRoutingRules();
        Map<OperationKey, RoutingDecision> glm = CHANNELS.get("glm").defaultRoutingRules();

        assertThat(groq.get(OperationKey.of(COUNT_TOKENS, OPENAI))).isEqualTo(RoutingDecision.LOCAL);
        assertThat(groq.get(OperationKey.of(COUNT_TOKENS, CLAUDE))).isEqualTo(RoutingDecision.LOCAL);
        assertThat(groq.get(OperationKey.of(LIST_MODELS, CLAUDE)))
                .isEqualTo(RoutingDecision.transformTo(LIST_MODELS, OPENAI));
        assertThat(groq.get(OperationKey.of(CREATE_EMBEDDING, OPENAI))).isEqualTo(RoutingDecision.UNSUPPORTED);
        assertThat(groq.get(OperationKey.of(CREATE_IMAGE, OPENAI))).isEqualTo(RoutingDecision.UNSUPPORTED);
        assertThat(glm.get(OperationKey.of(LIST_MODELS, OPENAI))).isEqualTo(RoutingDecision.LOCAL);
        assertThat(CHANNELS.get("openai").defaultRoutingRules().get(OperationKey.of(COUNT_TOKENS, GEMINI)))
                .isEqualTo(RoutingDecision.transformTo(COUNT_TOKENS, OPENAI));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "groq", "openrouter", "nvidia", "xai", "glm", "kimi", "vercel"})
    void presetsWithoutAnAnthropicSurfaceRefuseClaudeAndGeminiKeys(String id) {
        for (OperationKey key : new OperationKey[] {OperationKey.of(GENERATE_CONTENT, CLAUDE_MESSAGES),
                OperationKey.of(GENERATE_CONTENT, GEMINI_GENERATE), OperationKey.of(LIST_MODELS, GEMINI)}) {
            assertThatThrownBy(() -> CHANNELS.get(id).prepare(Inputs.of(key).model("m").build()))
                    .isInstanceOf(ChannelException.class).hasMessageContaining("no upstream endpoint for " + key);
        }
    }

    @Test
    void aModelInThePathIsRequired() {
        assertThatThrownBy(() -> CHANNELS.get("openai").prepare(Inputs.of(GET_MODEL, OPENAI).build()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("model: \"\" is blank");
    }

    @Test
    void aVendorPrefixedModelKeepsItsSlashInTheModelPath() {
        UpstreamRequest r = CHANNELS.get("openrouter").prepare(Inputs.of(GET_MODEL, OPENAI)
                .model("anthropic/claude-sonnet-4").build());

        assertThat(r.uri()).hasToString("https://openrouter.ai/api/v1/models/anthropic/claude-sonnet-4");
    }

    @Test
    void aMissingApiKeyIsAClearErrorNamingTheField() {
        assertThatThrownBy(() -> CHANNELS.get("kimi").prepare(Inputs.of(GENERATE_CONTENT, OPENAI_CHAT)
                .secret("{\"token\":\"sk-hidden-value\"}").build()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("api_key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-hidden-value"));
    }

    @Test
    void theBodyIsSentAsGiven() {
        UpstreamRequest r = CHANNELS.get("openai").prepare(Inputs.of(GENERATE_CONTENT, OPENAI_CHAT)
                .body("{\"model\":\"gpt-4o\",\"messages\":[]}").build());

        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[]}");
        assertThat(header(r, "content-type")).isEqualTo("application/json");
    }
}
