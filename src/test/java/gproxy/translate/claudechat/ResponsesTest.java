package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;

/** Whole (non-streamed) answers of both pairs: stop reasons, refusals, errors, usage. */
class ResponsesTest {
    private final ClaudeToOpenAiChatResponse claudeAnswer = new ClaudeToOpenAiChatResponse(() -> Golden.CREATED);

    @ParameterizedTest
    @CsvSource({"end_turn, false, stop", "stop_sequence, false, stop", "pause_turn, false, stop",
        "max_tokens, false, length", "model_context_window_exceeded, false, length", "tool_use, true, tool_calls",
        "tool_use, false, stop", "refusal, false, content_filter", "'', false, stop", "brand_new, false, stop"})
    void claudeStopReasonsBecomeFinishReasons(String claude, boolean toolCalls, String openAi) {
        assertThat(StopReasons.toOpenAi(claude, toolCalls)).isEqualTo(openAi);
    }

    @ParameterizedTest
    @CsvSource({"stop, false, end_turn", "stop, true, tool_use", "length, false, max_tokens",
        "tool_calls, true, tool_use", "function_call, true, tool_use", "content_filter, false, refusal",
        "'', false, end_turn", "insufficient_system_resource, false, end_turn"})
    void finishReasonsBecomeClaudeStopReasons(String openAi, boolean toolUse, String claude) {
        assertThat(StopReasons.toClaude(openAi, toolUse)).isEqualTo(claude);
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = STOP_REASONS, verdict = SUPPORTED,
            note = "an OpenAI refusal becomes a text block with stop_reason refusal")
    @Test
    void anOpenAiRefusalIsAClaudeRefusal() {
        JsonNode out = claudeFrom("{\"id\":\"c\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}],\"usage\":{}}");

        assertThat(out.path("content")).isEqualTo(Json.parse("[{\"type\":\"text\",\"text\":\"I can't help with that.\"}]"));
        assertThat(out.path("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void someUpstreamsSayStopAfterToolCallsAndTheClientStillSeesToolUse() {
        JsonNode out = claudeFrom("{\"id\":\"c\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t\","
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]},\"finish_reason\":\"stop\"}]}");

        assertThat(out.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(out.path("content").path(0).path("input")).isEqualTo(Json.object());
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "response extras", verdict = APPROXIMATED,
            note = "citations, server-tool blocks and Claude's cache_creation TTL split have no OpenAI field;"
                    + " text blocks are joined")
    @Test
    void claudeBlocksWithoutAnOpenAiFormAreLeftOutAndTextIsJoined() {
        JsonNode out = openAiFrom("{\"id\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"Per the doc, \",\"citations\":[{}]},"
                + "{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{}},"
                + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"s\",\"content\":[]},"
                + "{\"type\":\"text\",\"text\":\"it works.\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":4,\"cache_creation\":{\"ephemeral_1h_input_tokens\":0}}}");

        JsonNode message = out.path("choices").path(0).path("message");
        assertThat(message.path("content").asText()).isEqualTo("Per the doc, it works.");
        assertThat(message.has("tool_calls")).isFalse();
        assertThat(message.has("reasoning_details")).isFalse();
    }

    @Test
    void redactedThinkingTravelsAsAnEncryptedReasoningDetail() {
        JsonNode out = openAiFrom("{\"id\":\"m\",\"content\":[{\"type\":\"redacted_thinking\",\"data\":\"ENC\"},"
                + "{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{}}");

        assertThat(out.path("choices").path(0).path("message").path("reasoning_details")).isEqualTo(Json.parse(
                "[{\"type\":\"reasoning.encrypted\",\"data\":\"ENC\",\"format\":\"anthropic-claude-v1\",\"index\":0}]"));
        JsonNode back = claudeFrom("{\"id\":\"c\",\"choices\":[{\"message\":" + out.path("choices").path(0).path("message")
                + ",\"finish_reason\":\"stop\"}]}");
        assertThat(back.path("content").path(0)).isEqualTo(Json.parse("{\"type\":\"redacted_thinking\",\"data\":\"ENC\"}"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = "errors", verdict = SUPPORTED,
            note = "an OpenAI error body or stream error becomes a Claude error object (type kept when Claude has it)")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "errors", verdict = SUPPORTED,
            note = "a Claude error body or error event becomes an OpenAI error object")
    @Test
    void errorBodiesChangeDialect() {
        JsonNode claude = claudeFrom("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\","
                + "\"code\":\"rate_limit_exceeded\"}}");
        JsonNode odd = claudeFrom("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\"}}");
        JsonNode openAi = openAiFrom("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        assertThat(claude).isEqualTo(Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"Rate limit reached\"}}"));
        assertThat(odd.path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(openAi).isEqualTo(Json.parse("{\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\","
                + "\"param\":null,\"code\":null}}"));
    }

    @Test
    void aMalformedUpstreamBodyIsTheUpstreamsFault() {
        assertThatThrownBy(() -> claudeFrom("not json")).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(502));
        assertThatThrownBy(() -> openAiFrom("[]")).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(502));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = USAGE, verdict = SUPPORTED,
            note = "cache details larger than prompt_tokens never yield negative counts")
    @Test
    void usageTotalsAreEqualInBothConventionsAndNeverNegative() {
        Tokens fromOpenAi = Tokens.fromOpenAi(Json.parse("{\"prompt_tokens\":1000,\"completion_tokens\":50,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":700,\"cache_write_tokens\":200}}"));
        Tokens broken = Tokens.fromOpenAi(Json.parse("{\"prompt_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":30}}"));

        assertThat(fromOpenAi).isEqualTo(new Tokens(100, 700, 200, 50));
        assertThat(Tokens.fromClaude(fromOpenAi.toClaude())).isEqualTo(fromOpenAi);
        assertThat(Tokens.fromOpenAi(fromOpenAi.toOpenAi())).isEqualTo(fromOpenAi);
        assertThat(fromOpenAi.toOpenAi().path("total_tokens").asLong()).isEqualTo(1050);
        assertThat(broken.promptTokens()).isEqualTo(10);
        assertThat(broken.input()).isZero();
    }

    private JsonNode openAiFrom(String claudeBody) {
        return Json.parse(claudeAnswer.translate(claudeBody.getBytes(), Golden.context()));
    }

    private static JsonNode claudeFrom(String openAiBody) {
        return Json.parse(OpenAiChatToClaudeResponse.translate(openAiBody.getBytes(), Golden.context()));
    }
}
