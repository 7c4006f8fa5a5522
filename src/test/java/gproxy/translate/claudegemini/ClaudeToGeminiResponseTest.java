package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudegemini.Contexts.GEMINI_TO_CLAUDE;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;

/** A Claude message as the Gemini answer a Gemini client reads. */
class ClaudeToGeminiResponseTest {

    private static JsonNode convert(String body) {
        return Json.parse(ClaudeGemini.clientGemini().response().translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toClaude(false)));
    }

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = SUPPORTED,
            note = "tool_use -> functionCall keeping the Claude id as functionCall.id (echoed in functionResponse.id),"
                    + " parallel calls in order; server-tool blocks dropped")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = SUPPORTED,
            note = "thinking -> thought part with the block's signature as thoughtSignature; redacted_thinking -> an"
                    + " empty thought part whose signature carries its data, so both return to Claude intact")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = APPROXIMATED,
            note = "promptTokenCount = input + cache read + cache write, cachedContentTokenCount = cache read,"
                    + " candidatesTokenCount = output_tokens (Claude does not split out thinking tokens, so no"
                    + " thoughtsTokenCount); Gemini has no cache writes: they count as prompt tokens")
    @Test
    void aMessageWithThinkingTextAndParallelCallsMatchesTheGolden() {
        byte[] converted = ClaudeGemini.clientGemini().response().translate(bytes(GEMINI_TO_CLAUDE + "response-tools.claude.json"),
                Contexts.toClaude(false));
        assertJson(converted, GEMINI_TO_CLAUDE + "response-tools.gemini.json");
        JsonNode answer = Json.parse(converted);
        assertThat(answer.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(answer.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.get("usageMetadata")).isEqualTo(Json.parse(
                "{\"promptTokenCount\":1200,\"candidatesTokenCount\":85,\"cachedContentTokenCount\":1000,\"totalTokenCount\":1285}"));
        assertThat(answer.toString()).doesNotContain("srvtoolu_1");
    }

    @Test
    void theStructuredOutputToolsInputIsTheJsonTextAnswer() {
        byte[] converted = ClaudeGemini.clientGemini().response().translate(bytes(GEMINI_TO_CLAUDE + "response-structured.claude.json"),
                Contexts.toClaude(false));
        assertJson(converted, GEMINI_TO_CLAUDE + "response-structured.gemini.json");
        assertThat(Json.parse(Json.parse(converted).at("/candidates/0/content/parts/0/text").asText()))
                .isEqualTo(Json.parse("{\"city\":\"Lyon\",\"population\":522000}"));
    }

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = STOP_REASONS, verdict = APPROXIMATED,
            note = "end_turn, stop_sequence, tool_use, pause_turn -> STOP (Gemini names no stop sequence and ends calling"
                    + " turns with STOP), max_tokens and model_context_window_exceeded -> MAX_TOKENS, refusal -> SAFETY")
    @Test
    void stopReasonsMapToFinishReasons() {
        assertThat(convert("{\"content\":[],\"stop_reason\":\"max_tokens\"}").at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(convert("{\"content\":[],\"stop_reason\":\"refusal\"}").at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
        assertThat(convert("{\"content\":[],\"stop_reason\":\"stop_sequence\"}").at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(convert("{\"content\":[],\"stop_reason\":\"end_turn\"}").at("/candidates/0/content/parts"))
                .as("Gemini answers always carry a part").isEqualTo(Json.parse("[{\"text\":\"\"}]"));
    }

    @Test
    void aClaudeErrorBodyBecomesGeminisErrorEnvelope() {
        assertThat(convert("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}")).isEqualTo(
                Json.parse("{\"error\":{\"code\":503,\"message\":\"busy\",\"status\":\"UNAVAILABLE\"}}"));
    }
}
