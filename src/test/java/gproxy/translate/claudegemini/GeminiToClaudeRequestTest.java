package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.translate.Conformance.CACHE_MARKERS;
import static gproxy.translate.Conformance.IMAGES;
import static gproxy.translate.Conformance.STRUCTURED_OUTPUT;
import static gproxy.translate.Conformance.SYSTEM;
import static gproxy.translate.Conformance.TEXT;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.DROPPED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudegemini.Contexts.GEMINI_TO_CLAUDE;
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
import gproxy.translate.TranslationContext;

/** A Gemini {@code generateContent} request as a Claude Messages request. */
class GeminiToClaudeRequestTest {

    private static JsonNode convert(String body, TranslationContext context) {
        return Json.parse(ClaudeGemini.clientGemini().request().translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TEXT, verdict = SUPPORTED,
            note = "contents user/model -> user/assistant, consecutive turns merged; snake_case and camelCase field names;"
                    + " maxOutputTokens -> max_tokens (4096 + thinking budget when absent), topP, topK, stopSequences")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TEXT, verdict = APPROXIMATED,
            note = "temperature clamped to Claude's [0, 1]; with thinking on, temperature and topK are dropped and topP"
                    + " kept only >= 0.95; candidateCount > 1 refused (400); seed, penalties, logprobs, safetySettings dropped")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = SYSTEM, verdict = SUPPORTED,
            note = "systemInstruction: one part -> system string, several -> text blocks")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = IMAGES, verdict = SUPPORTED,
            note = "inlineData image -> base64 image, fileData image -> URL image")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = "documents", verdict = APPROXIMATED,
            note = "PDF inlineData/fileData -> document base64/URL, text/* inlineData -> text document; audio, video and"
                    + " other media dropped (Claude has no such input)")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = SUPPORTED,
            note = "functionDeclarations -> tools (parameters from Gemini's schema, or parametersJsonSchema as is);"
                    + " functionCall/functionResponse -> tool_use/tool_result, results first in their user message;"
                    + " calls without id get a position-derived one, a response answers the oldest unanswered call of"
                    + " its name; response.output unwrapped, response.error -> is_error")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = APPROXIMATED,
            note = "functionCallingConfig AUTO/ANY/NONE -> auto/any/none, ANY with one allowed name -> tool; several"
                    + " allowed names cannot narrow Claude's choice (any); googleSearch, codeExecution, urlContext dropped")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = APPROXIMATED,
            note = "thinkingBudget -> thinking.budget_tokens (min 1024, below max_tokens; dynamic -1 -> 8192) on Claude <= 4.5,"
                    + " adaptive + output_config.effort on later models; thinkingLevel -> a budget; signed thought parts ->"
                    + " thinking blocks (unsigned ones dropped: Claude rejects them); includeThoughts is not a Claude switch")
    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = CACHE_MARKERS, verdict = DROPPED,
            note = "Gemini requests carry no markers and cachedContent lives at Google, so nothing is marked for Claude's"
                    + " cache; cache reads Claude reports still come back as cachedContentTokenCount")
    @Test
    void aConversationWithMediaToolsAndThinkingMatchesTheGolden() {
        byte[] converted = ClaudeGemini.clientGemini().request().translate(bytes(GEMINI_TO_CLAUDE + "request-conversation.gemini.json"),
                Contexts.toClaude(true));
        assertJson(converted, GEMINI_TO_CLAUDE + "request-conversation.claude.json");
        JsonNode request = Json.parse(converted);
        assertThat(request.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(request.get("stream").asBoolean()).isTrue();
        assertThat(request.at("/messages/2/content/0/tool_use_id")).isEqualTo(request.at("/messages/1/content/2/id"));
        assertThat(request.at("/messages/2/content/1/tool_use_id")).isEqualTo(request.at("/messages/1/content/3/id"));
        assertThat(request.toString()).doesNotContain("googleSearch", "safety", "seed", "audio/wav");
    }

    @Feature(client = GEMINI_GENERATE, upstream = CLAUDE_MESSAGES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "responseMimeType application/json + responseSchema/responseJsonSchema -> one synthetic tool forced by"
                    + " tool_choice, its input returned as the JSON text answer (works on every Claude model); with"
                    + " client tools the choice is any, with thinking on auto (the model may then answer in prose)")
    @Test
    void structuredOutputBecomesAForcedAnswerTool() {
        byte[] converted = ClaudeGemini.clientGemini().request().translate(bytes(GEMINI_TO_CLAUDE + "request-structured.gemini.json"),
                Contexts.toClaude(false));
        assertJson(converted, GEMINI_TO_CLAUDE + "request-structured.claude.json");
        JsonNode request = Json.parse(converted);
        assertThat(request.at("/tools/0/name").asText()).isEqualTo(StructuredOutput.TOOL_NAME);
        assertThat(request.at("/tools/0/input_schema/properties/population/minimum").asLong()).isZero();
        assertThat(request.get("tool_choice")).isEqualTo(Json.parse("{\"type\":\"tool\",\"name\":\"gproxy_structured_output\"}"));
    }

    @Test
    void aModelThatThinksAdaptivelyGetsAnEffortInsteadOfABudget() {
        JsonNode request = convert("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":20000}}}",
                Contexts.toAdaptiveClaude());
        assertThat(request.get("thinking")).isEqualTo(Json.parse("{\"type\":\"adaptive\"}"));
        assertThat(request.at("/output_config/effort").asText()).isEqualTo("high");
        assertThat(request.get("max_tokens").asLong()).isEqualTo(4096);
    }

    @Test
    void aBudgetTooLargeForTheOutputCapIsCutAndOneTooSmallTurnsThinkingOff() {
        JsonNode cut = convert("{\"contents\":[],\"generationConfig\":{\"maxOutputTokens\":3000,\"thinkingConfig\":{\"thinkingBudget\":8000}}}",
                Contexts.toClaude(false));
        assertThat(cut.at("/thinking/budget_tokens").asLong()).isEqualTo(2999);
        JsonNode off = convert("{\"contents\":[],\"generationConfig\":{\"maxOutputTokens\":500,\"thinkingConfig\":{\"thinkingBudget\":8000},"
                + "\"temperature\":0.3}}", Contexts.toClaude(false));
        assertThat(off.has("thinking")).isFalse();
        assertThat(off.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(convert("{\"contents\":[],\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":0}}}", Contexts.toClaude(false))
                .has("thinking")).isFalse();
    }

    @Test
    void aForcedToolChoiceBecomesAutoWhenThinkingIsOn() {
        JsonNode request = convert("{\"contents\":[],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}},"
                + "\"generationConfig\":{\"thinkingConfig\":{\"thinkingBudget\":2048}}}", Contexts.toClaude(false));
        assertThat(request.get("tool_choice")).isEqualTo(Json.parse("{\"type\":\"auto\"}"));
        assertThat(request.at("/tools/0/input_schema")).isEqualTo(Json.parse("{\"type\":\"object\",\"properties\":{}}"));
    }

    @Test
    void severalCandidatesAreRefusedAndAResponseToNoCallIsTheClientsError() {
        assertThatThrownBy(() -> convert("{\"contents\":[],\"generationConfig\":{\"candidateCount\":2}}", Contexts.toClaude(false)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("candidateCount");
        assertThatThrownBy(() -> convert("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}]}",
                Contexts.toClaude(false))).isInstanceOf(GatewayException.class).hasMessageContaining("functionResponse");
        assertThatThrownBy(() -> convert("{\"contents\":{}}", Contexts.toClaude(false))).isInstanceOf(GatewayException.class)
                .hasMessageContaining("contents");
    }

    @Test
    void callsWithIdsAreAnsweredByIdWhateverTheOrder() {
        JsonNode request = convert("""
                {"contents":[{"role":"model","parts":[{"functionCall":{"id":"toolu_A","name":"f","args":{}}},
                                                      {"functionCall":{"id":"toolu_B","name":"f","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"id":"toolu_B","name":"f","response":{"error":"no"}}},
                                         {"functionResponse":{"id":"toolu_A","name":"f","response":{"output":{"n":1}}}}]}]}""",
                Contexts.toClaude(false));
        assertThat(request.at("/messages/1/content")).isEqualTo(Json.parse("""
                [{"type":"tool_result","tool_use_id":"toolu_B","content":"no","is_error":true},
                 {"type":"tool_result","tool_use_id":"toolu_A","content":"{\\"n\\":1}"}]"""));
    }
}
