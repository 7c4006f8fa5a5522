package gproxy.channel.anthropic;

import static gproxy.channel.Inputs.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import gproxy.channel.ChannelException;
import gproxy.channel.ChannelRegistry;
import gproxy.channel.Inputs;
import gproxy.channel.UpstreamRequest;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;
import gproxy.protocol.RoutingDecision;
import io.helidon.http.Method;

class ClaudeApiChannelTest {
    private final ClaudeApiChannel claude = new ClaudeApiChannel();

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES, Method.POST, "/v1/messages"),
                Arguments.of(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES, Method.POST, "/v1/messages"),
                Arguments.of(Operation.COUNT_TOKENS, Kind.CLAUDE, Method.POST, "/v1/messages/count_tokens"),
                Arguments.of(Operation.LIST_MODELS, Kind.CLAUDE, Method.GET, "/v1/models"),
                Arguments.of(Operation.GET_MODEL, Kind.CLAUDE, Method.GET, "/v1/models/claude-sonnet-4-5"));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("endpoints")
    void eachClaudeEndpointHasItsPathAndTheAnthropicHeaders(Operation op, Kind kind, Method method, String path) {
        UpstreamRequest r = claude.prepare(Inputs.of(op, kind).model("claude-sonnet-4-5").build());

        assertThat(r.uri()).hasToString("https://api.anthropic.com" + path);
        assertThat(r.method()).isEqualTo(method);
        assertThat(header(r, "x-api-key")).isEqualTo(Inputs.API_KEY);
        assertThat(header(r, "anthropic-version")).isEqualTo("2023-06-01");
        assertThat(header(r, "authorization")).isNull();
        assertThat(r.streaming()).isEqualTo(op.streaming());
    }

    @Test
    void theClientsVersionAndBetasAreKeptButItsKeyIsNot() {
        UpstreamRequest r = claude.prepare(Inputs.of(Operation.STREAM_GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)
                .header("anthropic-version", "2023-01-01").header("anthropic-beta", "interleaved-thinking-2025-05-14")
                .header("x-api-key", "sk-ant-client").header("Authorization", "Bearer sk-gateway-client").build());

        assertThat(header(r, "anthropic-version")).isEqualTo("2023-01-01");
        assertThat(header(r, "anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
        assertThat(header(r, "x-api-key")).isEqualTo(Inputs.API_KEY);
        assertThat(header(r, "authorization")).isNull();
    }

    @Test
    void aBaseUrlSettingReplacesTheOrigin() {
        UpstreamRequest r = claude.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES)
                .settings("{\"base_url\":\"http://localhost:4010\"}").build());

        assertThat(r.uri()).hasToString("http://localhost:4010/v1/messages");
    }

    @Test
    void everyOtherDialectConvertsToMessages() {
        for (Kind kind : new Kind[] {Kind.OPENAI_CHAT, Kind.OPENAI_RESPONSES, Kind.GEMINI_GENERATE}) {
            assertThat(claude.defaultRoutingRules().get(OperationKey.of(Operation.GENERATE_CONTENT, kind)))
                    .isEqualTo(RoutingDecision.transformTo(Operation.GENERATE_CONTENT, Kind.CLAUDE_MESSAGES));
        }
        assertThat(claude.defaultRoutingRules().get(OperationKey.of(Operation.COUNT_TOKENS, Kind.OPENAI)))
                .isEqualTo(RoutingDecision.transformTo(Operation.COUNT_TOKENS, Kind.CLAUDE));
        assertThat(claude.defaultRoutingRules().get(OperationKey.of(Operation.CREATE_EMBEDDING, Kind.OPENAI)))
                .isEqualTo(RoutingDecision.UNSUPPORTED);
    }

    @Test
    void openAiKeysHaveNoEndpointHere() {
        assertThatThrownBy(() -> claude.prepare(Inputs.of(Operation.GENERATE_CONTENT, Kind.OPENAI_CHAT).build()))
                .isInstanceOf(ChannelException.class).hasMessageContaining("claudeapi");
    }

    @Test
    void theV1IdAnthropicIsAnAlias() {
        assertThat(ChannelRegistry.builtIns().find("anthropic").map(c -> c.id())).contains("claudeapi");
    }
}
