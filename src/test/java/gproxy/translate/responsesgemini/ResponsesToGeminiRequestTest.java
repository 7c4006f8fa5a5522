package gproxy.translate.responsesgemini;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
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
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

class ResponsesToGeminiRequestTest {
    private static final String DIR = "responses-to-gemini/";
    private final ResponsesToGeminiRequest translator = new ResponsesToGeminiRequest();

    private JsonNode conversation(TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + "request-conversation.responses.json"), context));
    }

    private JsonNode translate(String body, TranslationContext context) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = TEXT, verdict = SUPPORTED,
            note = "input_text/output_text ↔ text parts; consecutive items of one role merge into one content")
    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "unknown fields", verdict = DROPPED,
            note = "store, include, truncation, metadata, user, service_tier, parallel_tool_calls, text.verbosity and unknown items dropped")
    @Test
    void conversationWithToolsMediaFormatAndReasoningMatchesTheGolden() {
        assertJson(conversation(Contexts.toGemini(false)), DIR + "request-conversation.gemini.json");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = SYSTEM, verdict = APPROXIMATED,
            note = "instructions first, then every system/developer item, wherever it stood, in the one systemInstruction")
    @Test
    void instructionsAndDeveloperItemsFormTheSystemInstructionInOrder() {
        JsonNode system = conversation(Contexts.toGemini(false)).at("/systemInstruction/parts");
        assertThat(system.findValuesAsText("text")).containsExactly("You are terse.", "Answer in one line.");
        JsonNode roles = conversation(Contexts.toGemini(false)).get("contents");
        assertThat(roles.findValuesAsText("role")).containsExactly("user", "model", "user");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "tool calls", verdict = SUPPORTED,
            note = "function_call/function_call_output ↔ functionCall/functionResponse in one model and one user turn; the name looked up by call_id")
    @Test
    void callsJoinTheModelTurnAndOutputsFindTheirFunctionName() {
        JsonNode contents = conversation(Contexts.toGemini(false)).get("contents");
        JsonNode model = contents.get(1).get("parts");
        assertThat(model.get(1).get("text").asText()).isEqualTo("Checking.");
        assertThat(model.get(2).at("/functionCall/args/city").asText()).isEqualTo("Paris");
        assertThat(model.get(3).at("/functionCall/name").asText()).isEqualTo("get_weather");
        JsonNode outputs = contents.get(2).get("parts");
        assertThat(outputs.get(0).get("functionResponse")).isEqualTo(Json.parse("{\"name\":\"get_weather\",\"response\":{\"temp_c\":18}}"));
        assertThat(outputs.get(1).at("/functionResponse/response")).isEqualTo(Json.parse("{\"output\":\"24 C\"}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = THINKING, verdict = APPROXIMATED,
            note = "reasoning.effort → thinkingBudget (2.5) or thinkingLevel low/high (3), summary → includeThoughts; reasoning items → thought parts with the Gemini signatures we handed out")
    @Test
    void signaturesWeHandedOutGoBackOnTheirPartsAndAForeignCallGetsThePlaceholderOnGemini3() {
        JsonNode model = conversation(Contexts.toGemini(false)).at("/contents/1/parts");
        assertThat(model.get(0)).isEqualTo(Json.parse("{\"text\":\"Two cities, two calls.\",\"thought\":true,\"thoughtSignature\":\"c2lnLXRob3VnaHQ=\"}"));
        assertThat(model.get(2).get("thoughtSignature").asText()).isEqualTo("c2lnLWNhbGw=");
        assertThat(model.get(3).has("thoughtSignature")).isFalse();

        String foreign = "{\"input\":[{\"type\":\"function_call\",\"call_id\":\"call_x\",\"name\":\"f\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_y\",\"name\":\"f\",\"arguments\":\"\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_x\",\"output\":\"ok\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_y\",\"output\":\"ok\"}]}";
        JsonNode calls = translate(foreign, Contexts.toGemini3()).at("/contents/0/parts");
        assertThat(calls.get(0).get("thoughtSignature").asText()).isEqualTo(Signatures.SKIP_VALIDATOR);
        assertThat(calls.get(1).has("thoughtSignature")).isFalse();
        assertThat(translate(foreign, Contexts.toGemini(false)).at("/contents/0/parts/0").has("thoughtSignature")).isFalse();
    }

    @Test
    void aSignatureWithoutSummaryGoesOnThePartBeforeIt() {
        String body = "{\"input\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Hi\"}]},"
                + "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gproxy-gs:c2ln\"},"
                + "{\"type\":\"reasoning\",\"summary\":[],\"encrypted_content\":\"gAAAA-openai-own\"},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"Again\"}]}";
        JsonNode contents = translate(body, Contexts.toGemini(false)).get("contents");
        assertThat(contents.get(0)).isEqualTo(Json.parse("{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\",\"thoughtSignature\":\"c2ln\"}]}"));
        assertThat(contents).hasSize(2);
    }

    @Test
    void effortBecomesALevelOnGemini3AndABudgetBefore() {
        String body = "{\"input\":\"Hi\",\"reasoning\":{\"effort\":\"high\",\"summary\":\"detailed\"}}";
        assertThat(translate(body, Contexts.toGemini3()).at("/generationConfig/thinkingConfig"))
                .isEqualTo(Json.parse("{\"thinkingLevel\":\"high\",\"includeThoughts\":true}"));
        assertThat(translate(body, Contexts.toGemini(false)).at("/generationConfig/thinkingConfig"))
                .isEqualTo(Json.parse("{\"thinkingBudget\":24576,\"includeThoughts\":true}"));
        assertThat(translate("{\"input\":\"Hi\",\"reasoning\":{\"effort\":\"none\"}}", Contexts.toGemini(false))
                .at("/generationConfig/thinkingConfig")).isEqualTo(Json.parse("{\"thinkingBudget\":0}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = IMAGES, verdict = APPROXIMATED,
            note = "data URLs → inlineData, http(s) → fileData with a guessed MIME type; file_id images and detail dropped")
    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "files", verdict = APPROXIMATED,
            note = "input_file file_data (PDF, …) → inlineData, file_url → fileData; file_id dropped (OpenAI's Files store)")
    @Test
    void imagesAndFilesJoinTheUserTurnAfterTheOutputsAndFileIdsAreDropped() {
        JsonNode parts = conversation(Contexts.toGemini(false)).at("/contents/2/parts");
        assertThat(parts).hasSize(6);
        assertThat(parts.get(2)).isEqualTo(Json.parse("{\"text\":\"Also this chart and report:\"}"));
        assertThat(parts.get(3)).isEqualTo(Json.parse("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}"));
        assertThat(parts.get(4).get("fileData")).isEqualTo(Json.parse("{\"mimeType\":\"image/webp\",\"fileUri\":\"https://example.com/chart.webp\"}"));
        assertThat(parts.get(5)).isEqualTo(Json.parse("{\"inlineData\":{\"mimeType\":\"application/pdf\",\"data\":\"JVBERi0x\"}}"));
        assertThat(parts.toString()).doesNotContain("file-abc", "file-def");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = TOOLS, verdict = APPROXIMATED,
            note = "function tools → functionDeclarations with JSON Schema → Gemini's OpenAPI subset (additionalProperties dropped, null types as nullable); strict and built-in tools dropped")
    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "tool choice", verdict = SUPPORTED,
            note = "auto/none/required/function/allowed_tools → AUTO/NONE/ANY + allowedFunctionNames")
    @Test
    void functionToolsBecomeDeclarationsWithGeminiSchemasAndBuiltInsAreDropped() {
        JsonNode out = conversation(Contexts.toGemini(false));
        JsonNode declarations = out.at("/tools/0/functionDeclarations");
        assertThat(out.get("tools")).hasSize(1);
        assertThat(declarations.findValuesAsText("name")).containsExactly("get_weather", "now");
        assertThat(declarations.get(0).at("/parameters/properties/unit")).isEqualTo(Json.parse(
                "{\"type\":\"STRING\",\"nullable\":true,\"enum\":[\"C\",\"F\"]}"));
        assertThat(declarations.get(0).at("/parameters").has("additionalProperties")).isFalse();
        assertThat(declarations.get(1).has("parameters")).isFalse();
        assertThat(out.at("/toolConfig/functionCallingConfig")).isEqualTo(Json.parse(
                "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\",\"now\"]}"));
    }

    @Test
    void toolChoiceStringsAndANamedFunctionMapToModes() {
        String tools = ",\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}}]}";
        assertThat(translate("{\"input\":\"x\",\"tool_choice\":\"none\"" + tools, Contexts.toGemini(false))
                .at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("NONE");
        assertThat(translate("{\"input\":\"x\",\"tool_choice\":\"required\"" + tools, Contexts.toGemini(false))
                .at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(translate("{\"input\":\"x\",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}" + tools, Contexts.toGemini(false))
                .at("/toolConfig/functionCallingConfig")).isEqualTo(Json.parse("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "text.format json_schema → responseMimeType application/json + responseSchema (converted, strict not enforced), json_object → JSON mime")
    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "sampling", verdict = APPROXIMATED,
            note = "temperature, top_p, max_output_tokens → maxOutputTokens, top_logprobs carried; Responses has no stop")
    @Test
    void textFormatBecomesAJsonSchemaResponseAndSamplingCarries() {
        JsonNode config = conversation(Contexts.toGemini(false)).get("generationConfig");
        assertThat(config.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.at("/responseSchema/type").asText()).isEqualTo("OBJECT");
        assertThat(config.at("/responseSchema/propertyOrdering")).isEqualTo(Json.parse("[\"line\",\"cities\"]"));
        assertThat(config.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(config.get("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(500);
        assertThat(translate("{\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}", Contexts.toGemini(false))
                .get("generationConfig")).isEqualTo(Json.parse("{\"responseMimeType\":\"application/json\"}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = CACHE_MARKERS, verdict = DROPPED,
            note = "prompt_cache_key and prompt_cache_retention have no Gemini body field (implicit caching; cachedContentTokenCount still reported)")
    @Test
    void thePromptCacheKeyAndStoreHaveNoGeminiField() {
        JsonNode out = conversation(Contexts.toGemini(false));
        assertThat(out.toString()).doesNotContain("pck-1", "prompt_cache", "store", "metadata", "\"stream\"");
        assertThat(out.has("model")).isFalse();
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "multi-turn", verdict = APPROXIMATED,
            note = "input items → contents; previous_response_id, conversation, item_reference and background refused (400): Gemini keeps no state")
    @Test
    void statefulRequestsAreRefusedNamingTheField() {
        for (String body : new String[] {"{\"input\":\"x\",\"previous_response_id\":\"resp_1\"}", "{\"input\":\"x\",\"conversation\":\"conv_1\"}",
                "{\"input\":\"x\",\"background\":true}"}) {
            assertThatThrownBy(() -> translate(body, Contexts.toGemini(false))).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> translate("{\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_secret\"}]}", Contexts.toGemini(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("input[0]");
                    assertThat(e.getMessage()).doesNotContain("msg_secret");
                });
        assertThatThrownBy(() -> translate("{\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"call_nowhere\",\"output\":\"x\"}]}",
                Contexts.toGemini(false))).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("input[0].call_id"));
    }

    @Test
    void aStringInputIsOneUserTurn() {
        assertThat(translate("{\"input\":\"Hi\"}", Contexts.toGemini(false)))
                .isEqualTo(Json.parse("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}"));
    }
}
