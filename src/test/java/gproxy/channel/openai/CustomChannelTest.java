package gproxy.channel.openai;

import static gproxy.channel.Inputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import gproxy.channel.ChannelException;
import gproxy.channel.Inputs;
import gproxy.channel.ProviderSettings;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;

class CustomChannelTest {
    private static final String BASE = "{\"base_url\":\"https://llm.internal:8443/gw\"}";
    private final CustomChannel custom = new CustomChannel();

    private UpstreamRequest prepare(Operation op, Kind kind, String settings) {
        return custom.prepare(Inputs.of(op, kind).model("qwen3").settings(settings).build());
    }

    @Test
    void aBaseUrlIsRequired() {
        assertThatThrownBy(() -> prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT, "{}"))
                .isInstanceOf(ChannelException.class).hasMessageContaining("base_url: required");
    }

    @Test
    void eachFamilyGoesToItsNativePathWithItsOwnAuth() {
        UpstreamRequest chat = prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT, BASE);
        UpstreamRequest claude = prepare(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES, BASE);
        UpstreamRequest gemini = prepare(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE, BASE);

        assertThat(chat.uri()).hasToString("https://llm.internal:8443/gw/v1/chat/completions");
        assertThat(header(chat, "authorization")).isEqualTo("Bearer " + Inputs.API_KEY);
        assertThat(claude.uri()).hasToString("https://llm.internal:8443/gw/v1/messages");
        assertThat(header(claude, "x-api-key")).isEqualTo(Inputs.API_KEY);
        assertThat(header(claude, "anthropic-version")).isEqualTo("2023-06-01");
        assertThat(gemini.uri())
                .hasToString("https://llm.internal:8443/gw/v1beta/models/qwen3:streamGenerateContent?alt=sse");
        assertThat(header(gemini, "x-goog-api-key")).isEqualTo(Inputs.API_KEY);
    }

    @Test
    void staticHeadersAreSent() {
        UpstreamRequest r = prepare(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT,
                "{\"base_url\":\"https://a.b\",\"headers\":{\"X-Tenant\":\"t1\"}}");

        assertThat(header(r, "x-tenant")).isEqualTo("t1");
    }

    @Test
    void withoutDialectsItSpeaksOpenAiChatAndConvertsTheRest() {
        Map<OperationKey, RoutingDecision> rules = custom.defaultRoutingRules(ProviderSettings.parse(BASE));

        assertThat(rules).isEqualTo(custom.defaultRoutingRules());
        assertThat(rules.get(OperationKey.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT)))
                .isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(rules.get(OperationKey.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)))
                .isEqualTo(RoutingDecision.transformTo(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT));
        assertThat(rules.get(OperationKey.of(Operation.COUNT_TOKENS, Kind.OPENAI))).isEqualTo(RoutingDecision.LOCAL);
    }

    @Test
    void declaredDialectsPassThroughAndTheFirstTakesTheConversions() {
        Map<OperationKey, RoutingDecision> rules = custom.defaultRoutingRules(ProviderSettings.parse(
                "{\"dialects\":[\"claude_messages\",\"open_ai_chat_completions\"]}"));

        assertThat(rules.get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)))
                .isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(rules.get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.OPENAI_CHAT)))
                .isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(rules.get(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE)))
                .isEqualTo(RoutingDecision.transformTo(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES));
        assertThat(rules.get(OperationKey.of(Operation.COUNT_TOKENS, Kind.CLAUDE))).isEqualTo(RoutingDecision.PASSTHROUGH);
        assertThat(rules.get(OperationKey.of(Operation.COUNT_TOKENS, Kind.GEMINI)))
                .isEqualTo(RoutingDecision.transformTo(Operation.COUNT_TOKENS, Kind.CLAUDE));
        assertThat(rules.get(OperationKey.of(Operation.LIST_MODELS, Kind.GEMINI)))
                .isEqualTo(RoutingDecision.transformTo(Operation.LIST_MODELS, Kind.CLAUDE));
    }

    @Test
    void anUnknownDialectListsTheValidOnes() {
        assertThatThrownBy(() -> custom.defaultRoutingRules(ProviderSettings.parse("{\"dialects\":[\"openai_chat\"]}")))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("dialects: \"openai_chat\" (expected: one of open_ai_chat_completions,");
    }
}
