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
import gproxy.translate.TranslationContext;

/** A Claude Messages request as a Gemini {@code generateContent} request. */
class ClaudeToGeminiRequestTest {

    private static JsonNode convert(String body, TranslationContext context) {
        return Json.parse(ClaudeGemini.clientClaude().request().translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = TEXT, verdict = SUPPORTED,
            note = "multi-turn string and block content, user/assistant -> user/model, consecutive turns merged;"
                    + " max_tokens, temperature, top_p, top_k, stop_sequences -> generationConfig")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = SYSTEM, verdict = SUPPORTED,
            note = "system string or blocks -> systemInstruction, one part per block")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = IMAGES, verdict = SUPPORTED,
            note = "base64 image -> inlineData, URL image -> fileData (MIME from the extension)")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = "documents", verdict = APPROXIMATED,
            note = "base64 PDF -> inlineData, PDF URL -> fileData, text documents -> text parts; the title and"
                    + " Claude file ids (source.type file) are dropped")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = TOOLS, verdict = SUPPORTED,
            note = "tools -> functionDeclarations, tool_use/tool_result <-> functionCall/functionResponse (name looked"
                    + " up from the call, Gemini's id and signature recovered from the issued tool id), parallel calls"
                    + " and results in order; tool_choice auto/any/none/tool -> AUTO/ANY/NONE/ANY+allowedFunctionNames")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = TOOLS, verdict = APPROXIMATED,
            note = "JSON Schema brought to Gemini's OpenAPI subset ($ref inlined, type lists -> nullable, additionalProperties"
                    + " and $schema dropped); server tools (web search, bash, ...) and disable_parallel_tool_use dropped;"
                    + " is_error -> response.error; images in a tool_result follow it as parts")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = THINKING, verdict = APPROXIMATED,
            note = "thinking.budget_tokens -> thinkingConfig.thinkingBudget + includeThoughts; adaptive -> the effort's"
                    + " budget or dynamic (-1); disabled -> the model's default; thinking blocks in history -> thought parts"
                    + " with their signature as thoughtSignature; redacted_thinking rides in a thought part's signature")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = CACHE_MARKERS, verdict = DROPPED,
            note = "cache_control markers dropped (Gemini caches implicitly or by cachedContent, which a Claude request"
                    + " cannot name); cache reads still come back as cache_read_input_tokens")
    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = "unknown fields", verdict = DROPPED,
            note = "metadata, service_tier, context_management, container, mcp_servers and unknown fields are not sent"
                    + " (Gemini rejects unknown fields)")
    @Test
    void aConversationWithMediaToolsAndThinkingMatchesTheGolden() {
        byte[] converted = ClaudeGemini.clientClaude().request().translate(bytes(CLAUDE_TO_GEMINI + "request-conversation.claude.json"),
                Contexts.toGemini());
        assertJson(converted, CLAUDE_TO_GEMINI + "request-conversation.gemini.json");
        JsonNode request = Json.parse(converted);
        assertThat(request.has("model")).as("the model is in Gemini's URL").isFalse();
        assertThat(request.has("stream")).isFalse();
        assertThat(request.toString()).doesNotContain("cache_control", "user-42", "web_search", "additionalProperties");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = GEMINI_GENERATE, name = STRUCTURED_OUTPUT, verdict = SUPPORTED,
            note = "output_config.format (or output_format) json_schema -> responseMimeType application/json +"
                    + " responseSchema (Gemini's subset)")
    @Test
    void structuredOutputBecomesAResponseSchemaAndAForcedToolItsAllowedName() {
        byte[] converted = ClaudeGemini.clientClaude().request().translate(bytes(CLAUDE_TO_GEMINI + "request-structured.claude.json"),
                Contexts.toGemini());
        assertJson(converted, CLAUDE_TO_GEMINI + "request-structured.gemini.json");
        JsonNode request = Json.parse(converted);
        assertThat(request.at("/generationConfig/responseSchema/properties/population/type").asText()).isEqualTo("INTEGER");
        assertThat(request.at("/toolConfig/functionCallingConfig/allowedFunctionNames/0").asText()).isEqualTo("lookup");
    }

    @Test
    void aGemini3UpstreamGetsThePlaceholderSignatureOnTheFirstCallOfATurnThatHasNone() {
        String body = """
                {"max_tokens":10,"messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{}},
                                                {"type":"tool_use","id":"toolu_2","name":"f","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a"},
                                           {"type":"tool_result","tool_use_id":"toolu_2","content":"b"}]}]}""";
        JsonNode gemini3 = convert(body, Contexts.toGemini3()).at("/contents/1/parts");
        assertThat(gemini3.get(0).path("thoughtSignature").asText()).isEqualTo(Signatures.SKIP_VALIDATOR);
        assertThat(gemini3.get(1).has("thoughtSignature")).isFalse();
        assertThat(convert(body, Contexts.toGemini()).at("/contents/1/parts/0").has("thoughtSignature")).isFalse();
    }

    @Test
    void aToolIdWeIssuedGivesBackGeminisOwnIdAndSignature() {
        String id = ToolIds.issue(java.util.Optional.of("g-7"), java.util.Optional.of("c2ln"), "seed");
        String body = "{\"max_tokens\":10,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                + "\",\"name\":\"f\",\"input\":{\"x\":1}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
                + id + "\",\"content\":\"boom\",\"is_error\":true}]}]}";
        JsonNode contents = convert(body, Contexts.toGemini3()).get("contents");
        assertThat(contents.at("/0/parts/0")).isEqualTo(Json.parse(
                "{\"functionCall\":{\"id\":\"g-7\",\"name\":\"f\",\"args\":{\"x\":1}},\"thoughtSignature\":\"c2ln\"}"));
        assertThat(contents.at("/1/parts/0")).isEqualTo(Json.parse(
                "{\"functionResponse\":{\"id\":\"g-7\",\"name\":\"f\",\"response\":{\"error\":\"boom\"}}}"));
    }

    @Test
    void aToolResultForNoEarlierToolUseIsTheClientsError() {
        String body = "{\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":\"a\"}]}]}";
        assertThatThrownBy(() -> convert(body, Contexts.toGemini())).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(400))
                .hasMessageContaining("tool_use_id");
    }

    @Test
    void anUnknownRoleIsTheClientsErrorAndUnknownBlocksAreSkipped() {
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", Contexts.toGemini()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("messages[0].role");
        JsonNode request = convert("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\",\"x\":1},"
                + "{\"type\":\"text\",\"text\":\"hi\"}]}],\"future_field\":{\"a\":1}}", Contexts.toGemini());
        assertThat(request).isEqualTo(Json.parse("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}"));
    }

    @Test
    void anEmptyUnsignedThinkingBlockSendsNoPart() {
        JsonNode request = convert("{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"\","
                + "\"signature\":\"\"},{\"type\":\"text\",\"text\":\"ok\"}]}]}", Contexts.toGemini());
        assertThat(request.at("/contents/0/parts")).isEqualTo(Json.parse("[{\"text\":\"ok\"}]"));
    }

    @Test
    void adaptiveThinkingTakesTheEffortsBudgetOrGeminisDynamicOne() {
        JsonNode high = convert("{\"messages\":[],\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"high\"}}",
                Contexts.toGemini());
        assertThat(high.at("/generationConfig/thinkingConfig/thinkingBudget").asLong()).isEqualTo(16384);
        JsonNode dynamic = convert("{\"messages\":[],\"thinking\":{\"type\":\"adaptive\"}}", Contexts.toGemini());
        assertThat(dynamic.at("/generationConfig/thinkingConfig/thinkingBudget").asLong()).isEqualTo(-1);
        assertThat(convert("{\"messages\":[],\"thinking\":{\"type\":\"disabled\"}}", Contexts.toGemini()).has("generationConfig")).isFalse();
    }
}
