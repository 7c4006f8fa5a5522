package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudegemini.Contexts.CLAUDE_TO_GEMINI;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;

/** A Gemini answer as the Claude message a Claude client reads. */
class GeminiToClaudeResponseTest {

    private static JsonNode convert(String body) {
        return Json.parse(ClaudeGemini.clientClaude().response().translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toGemini()));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = TOOLS, verdict = SUPPORTED,
            note = "each functionCall -> tool_use with a stable synthesised id (toolu_ + hash) or, when the call has"
                    + " Gemini's id or thoughtSignature, an id carrying both (toolu_gs_ + base64url)")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = THINKING, verdict = SUPPORTED,
            note = "thought parts -> thinking blocks, the part's thoughtSignature as the block's signature")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = USAGE, verdict = SUPPORTED,
            note = "input_tokens = promptTokenCount - cachedContentTokenCount + toolUsePromptTokenCount,"
                    + " cache_read_input_tokens = cachedContentTokenCount, output_tokens = candidates + thoughts")
    @Test
    void anAnswerWithThoughtsTextAndParallelCallsMatchesTheGolden() {
        byte[] converted = ClaudeGemini.clientClaude().response().translate(bytes(CLAUDE_TO_GEMINI + "response-tools.gemini.json"),
                Contexts.toGemini());
        assertJson(converted, CLAUDE_TO_GEMINI + "response-tools.claude.json");
        JsonNode message = Json.parse(converted);
        assertThat(message.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.at("/content/0/signature").asText()).isEqualTo("Z2VtaW5pLXRob3VnaHQ=");
        assertThat(message.at("/content/2/id").asText()).startsWith("toolu_gs_");
        assertThat(message.at("/content/3/id").asText()).matches("toolu_[0-9a-f]{24}");
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.get("usage")).isEqualTo(Json.parse(
                "{\"input_tokens\":200,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":1000,\"output_tokens\":85}"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = STOP_REASONS, verdict = APPROXIMATED,
            note = "STOP -> end_turn (tool_use when the turn called functions), MAX_TOKENS -> max_tokens, SAFETY, RECITATION,"
                    + " PROHIBITED_CONTENT, ... and a blocked prompt -> refusal; a matched stop sequence is reported by"
                    + " Gemini as STOP, so it comes back as end_turn without stop_sequence")
    @Test
    void aBlockedPromptIsAnEmptyRefusal() {
        byte[] converted = ClaudeGemini.clientClaude().response().translate(bytes(CLAUDE_TO_GEMINI + "response-blocked.gemini.json"),
                Contexts.toGemini());
        assertJson(converted, CLAUDE_TO_GEMINI + "response-blocked.claude.json");
        assertThat(Json.parse(converted).get("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void finishReasonsMapToClaudesStopReasons() {
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"MAX_TOKENS\"}]}")
                .get("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"SAFETY\"}]}")
                .get("stop_reason").asText()).isEqualTo("refusal");
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"STOP\"}]}")
                .get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"SOMETHING_NEW\"}]}")
                .get("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void theSameAnswerIssuesTheSameToolIds() {
        String body = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}}]}}],\"responseId\":\"r1\"}";
        assertThat(convert(body).at("/content/0/id")).isEqualTo(convert(body).at("/content/0/id"));
        String other = body.replace("r1", "r2");
        assertThat(convert(other).at("/content/0/id")).isNotEqualTo(convert(body).at("/content/0/id"));
    }

    @Test
    void aGeminiErrorBodyBecomesAClaudeErrorAndABrokenBodyIsTheUpstreamsFault() {
        JsonNode error = convert("{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
        assertThat(error).isEqualTo(Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"quota\"}}"));
        assertThatThrownBy(() -> convert("[1,2"))
                .isInstanceOf(GatewayException.class).satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(502));
    }
}
