package gproxy.translate.responsesgemini;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
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

class ResponsesToGeminiResponseTest {
    private static final String DIR = "gemini-to-responses/";

    private static JsonNode convert(byte[] responses) {
        return Json.parse(ResponsesGemini.clientGemini().response().translate(responses, Contexts.toResponses(false)));
    }

    private static JsonNode convert(String responses) {
        return convert(responses.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reasoningTextAndCallsMatchTheGolden() {
        assertJson(convert(bytes(DIR + "response-tools.responses.json")), DIR + "response-tools.gemini.json");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = THINKING, verdict = SUPPORTED,
            note = "reasoning summaries → a thought part; encrypted_content → its thoughtSignature, and back to a reasoning item on the next turn")
    @Test
    void aReasoningItemIsAThoughtPartCarryingItsEncryptedContentAsTheSignature() {
        JsonNode thought = convert(bytes(DIR + "response-tools.responses.json")).at("/candidates/0/content/parts/0");
        assertThat(thought.get("text").asText()).isEqualTo("Two cities.\n\nTwo calls.");
        assertThat(thought.get("thought").asBoolean()).isTrue();
        assertThat(Signatures.openAiEncryptedContent(thought.get("thoughtSignature").asText())).contains("gAAAAABencrypted");
        assertThat(java.util.Base64.getDecoder().decode(thought.get("thoughtSignature").asText())).isNotEmpty();
    }

    @Test
    void callsAreWholeFunctionCallsNamedByTheirCallIdAndBrokenArgumentsAreKeptAsText() {
        JsonNode parts = convert(bytes(DIR + "response-tools.responses.json")).at("/candidates/0/content/parts");
        assertThat(parts).hasSize(4);
        assertThat(parts.get(2).get("functionCall")).isEqualTo(Json.parse("{\"id\":\"call_p\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"));
        assertThat(parts.get(3).at("/functionCall/args")).isEqualTo(Json.parse("{\"arguments\":\"not json\"}"));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = USAGE, verdict = SUPPORTED,
            note = "input → promptTokenCount, output − reasoning → candidatesTokenCount, reasoning → thoughtsTokenCount, cached → cachedContentTokenCount; totals equal")
    @Test
    void usageSplitsReasoningIntoThoughtsAndKeepsEveryToken() {
        JsonNode usage = convert(bytes(DIR + "response-tools.responses.json")).get("usageMetadata");
        assertThat(usage).isEqualTo(Json.parse("""
                {"promptTokenCount":900,"candidatesTokenCount":15,"thoughtsTokenCount":25,"cachedContentTokenCount":768,"totalTokenCount":940}"""));
        assertThat(TokenUsage.fromGemini(usage)).isEqualTo(TokenUsage.fromResponses(Json.parse(bytes(DIR + "response-tools.responses.json")).get("usage")));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = STOP_REASONS, verdict = SUPPORTED,
            note = "completed → STOP, incomplete(max_output_tokens) → MAX_TOKENS, incomplete(content_filter) → SAFETY, failed → 502")
    @Test
    void incompleteReasonsBecomeFinishReasonsAndAFailedResponseIsA502() {
        assertThat(convert("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":[]}")
                .at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(convert("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"},\"output\":[]}")
                .at("/candidates/0/finishReason").asText()).isEqualTo("SAFETY");
        JsonNode empty = convert("{\"status\":\"completed\",\"output\":[]}");
        assertThat(empty.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(empty.at("/candidates/0/content/parts")).isEqualTo(Json.parse("[{\"text\":\"\"}]"));
        assertThatThrownBy(() -> convert("{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"secret prompt\"}}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("server_error").doesNotContain("secret prompt");
                });
    }

    @Test
    void theModelVersionIsTheClientsModelAndTheResponseIdIsKept() {
        JsonNode out = convert(bytes(DIR + "response-tools.responses.json"));
        assertThat(out.get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(out.get("responseId").asText()).isEqualTo("resp_abc");
    }
}
