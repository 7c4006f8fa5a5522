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
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

class GeminiToResponsesRequestTest {
    private static final String DIR = "gemini-to-responses/";
    private final GeminiToResponsesRequest translator = new GeminiToResponsesRequest();

    private JsonNode conversation(TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + "request-conversation.gemini.json"), context));
    }

    private JsonNode translate(String body, TranslationContext context) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = TEXT, verdict = SUPPORTED,
            note = "text parts ↔ input_text / output_text; proto names (system_instruction, inline_data) read as camelCase")
    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "unknown fields", verdict = DROPPED,
            note = "safetySettings, topK, stopSequences, seed, penalties, responseModalities and unknown fields have no Responses place")
    @Test
    void conversationWithToolsMediaFormatAndThinkingMatchesTheGolden() {
        assertJson(conversation(Contexts.toResponses(false)), DIR + "request-conversation.responses.json");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = SYSTEM, verdict = APPROXIMATED,
            note = "systemInstruction parts joined by newlines into instructions")
    @Test
    void systemInstructionPartsBecomeTheInstructions() {
        assertThat(conversation(Contexts.toResponses(false)).get("instructions").asText()).isEqualTo("You are terse.\nUse metric units.");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "tool calls", verdict = SUPPORTED,
            note = "functionCall/functionResponse ↔ function_call/function_call_output; ids kept or synthesised stably, responses matched by id, else by name in order")
    @Test
    void callsWithoutIdsGetStableOnesAndResponsesMatchThemByIdOrName() {
        JsonNode input = conversation(Contexts.toResponses(false)).get("input");
        JsonNode paris = input.get(3);
        assertThat(paris.get("type").asText()).isEqualTo("function_call");
        assertThat(paris.get("call_id").asText()).matches("call_[0-9a-f]{24}");
        assertThat(input.get(4).get("call_id").asText()).isEqualTo("call_r");
        assertThat(input.get(5)).isEqualTo(Json.parse("{\"type\":\"function_call_output\",\"call_id\":\"call_r\",\"output\":\"{\\\"temp_c\\\":24}\"}"));
        assertThat(input.get(6).get("call_id")).isEqualTo(paris.get("call_id"));
        assertThat(input.get(6).get("output").asText()).isEqualTo("18 C");
        assertThat(conversation(Contexts.toResponses(false)).get("input")).as("stable").isEqualTo(input);
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = THINKING, verdict = APPROXIMATED,
            note = "thinkingBudget/thinkingLevel → reasoning.effort, includeThoughts → summary auto + encrypted reasoning included; thought parts go back only when they carry an OpenAI reasoning item we handed out")
    @Test
    void aThoughtCarryingOpenAiReasoningGoesBackAsItsReasoningItemAndGeminisOwnThoughtsAreDropped() {
        JsonNode out = conversation(Contexts.toResponses(false));
        JsonNode input = out.get("input");
        assertThat(input.get(1)).isEqualTo(Json.parse("""
                {"type":"reasoning","summary":[{"type":"summary_text","text":"Planning."}],"encrypted_content":"gAAAAABencrypted"}"""));
        assertThat(input.toString()).doesNotContain("Its own thought");
        assertThat(out.get("reasoning")).isEqualTo(Json.parse("{\"effort\":\"medium\",\"summary\":\"auto\"}"));
        assertThat(out.get("include")).isEqualTo(Json.parse("[\"reasoning.encrypted_content\"]"));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = IMAGES, verdict = SUPPORTED,
            note = "inlineData images → input_image data URLs, image fileData → input_image by URL")
    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "files", verdict = APPROXIMATED,
            note = "inline PDF/other bytes → input_file file_data, WAV/MP3 → input_audio, other fileData → input_file file_url; code execution parts dropped")
    @Test
    void mediaPartsBecomeInputPartsInOrder() {
        JsonNode parts = conversation(Contexts.toResponses(false)).get("input").get(7).get("content");
        assertThat(parts.valueStream().map(p -> p.get("type").asText()))
                .containsExactly("input_text", "input_image", "input_file", "input_audio", "input_image", "input_file");
        assertThat(parts.get(1).get("image_url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(parts.get(2)).isEqualTo(Json.parse("{\"type\":\"input_file\",\"filename\":\"file.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0x\"}"));
        assertThat(parts.get(4).get("image_url").asText()).isEqualTo("https://example.com/cat.jpg");
        assertThat(parts.get(5).get("file_url").asText()).isEqualTo("gs://bucket/clip.mp4");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = TOOLS, verdict = APPROXIMATED,
            note = "functionDeclarations → non-strict function tools; OpenAPI schema → JSON Schema, parametersJsonSchema as is; googleSearch/codeExecution dropped")
    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "tool choice", verdict = SUPPORTED,
            note = "AUTO/ANY/NONE + allowedFunctionNames → auto/required/none/function/allowed_tools")
    @Test
    void declarationsBecomeNonStrictFunctionToolsAndModesAToolChoice() {
        JsonNode out = conversation(Contexts.toResponses(false));
        JsonNode tools = out.get("tools");
        assertThat(tools.valueStream().map(t -> t.get("name").asText())).containsExactly("get_weather", "now", "lookup");
        assertThat(tools.valueStream().allMatch(t -> t.get("type").asText().equals("function") && !t.get("strict").asBoolean())).isTrue();
        assertThat(tools.get(0).at("/parameters/properties/unit")).isEqualTo(Json.parse("{\"type\":[\"string\",\"null\"],\"enum\":[\"C\",\"F\",null]}"));
        assertThat(tools.get(1).get("parameters")).isEqualTo(Json.parse("{\"type\":\"object\",\"properties\":{}}"));
        assertThat(tools.get(2).at("/parameters/additionalProperties").asBoolean(true)).isFalse();
        assertThat(out.get("tool_choice")).isEqualTo(Json.parse("{\"type\":\"function\",\"name\":\"get_weather\"}"));
        String declared = "{\"contents\":[],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"},{\"name\":\"g\"}]}],\"toolConfig\":{\"functionCallingConfig\":";
        assertThat(translate(declared + "{\"mode\":\"NONE\"}}}", Contexts.toResponses(false)).get("tool_choice").asText()).isEqualTo("none");
        assertThat(translate(declared + "{\"mode\":\"ANY\"}}}", Contexts.toResponses(false)).get("tool_choice").asText()).isEqualTo("required");
        assertThat(translate(declared + "{\"mode\":\"AUTO\",\"allowedFunctionNames\":[\"f\",\"g\"]}}}", Contexts.toResponses(false)).get("tool_choice"))
                .isEqualTo(Json.parse("{\"type\":\"allowed_tools\",\"mode\":\"auto\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},{\"type\":\"function\",\"name\":\"g\"}]}"));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "responseSchema → text.format json_schema (converted, non-strict), responseJsonSchema as is, JSON mime alone → json_object")
    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "sampling", verdict = APPROXIMATED,
            note = "temperature, topP, maxOutputTokens → max_output_tokens, logprobs → top_logprobs; stopSequences, topK, seed, penalties dropped; candidateCount > 1 refused")
    @Test
    void aResponseSchemaBecomesANonStrictJsonSchemaFormatAndSamplingCarries() {
        JsonNode out = conversation(Contexts.toResponses(false));
        assertThat(out.at("/text/format")).isEqualTo(Json.parse("""
                {"type":"json_schema","name":"response","strict":false,
                 "schema":{"type":"object","properties":{"line":{"type":"string"}},"required":["line"]}}"""));
        assertThat(out.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(out.get("max_output_tokens").asInt()).isEqualTo(500);
        assertThat(out.toString()).doesNotContain("END", "topK", "seed", "safety");
        assertThat(translate("{\"contents\":[],\"generationConfig\":{\"responseMimeType\":\"application/json\"}}", Contexts.toResponses(false))
                .at("/text/format/type").asText()).isEqualTo("json_object");
        assertThatThrownBy(() -> translate("{\"contents\":[],\"generationConfig\":{\"candidateCount\":2}}", Contexts.toResponses(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("generationConfig.candidateCount"));
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = CACHE_MARKERS, verdict = APPROXIMATED,
            note = "cachedContent name (its content stays at Google), else the context's key, else a hash of system + first content → prompt_cache_key")
    @Test
    void thePromptCacheKeyIsCachedContentOrTheContextsOrAHashThatStaysAsTurnsAreAppended() {
        String first = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
        String longer = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"More\"}]}]}";
        String derived = translate(first, Contexts.toResponses(false)).get("prompt_cache_key").asText();
        assertThat(derived).matches("gproxy-[0-9a-f]{32}");
        assertThat(translate(longer, Contexts.toResponses(false)).get("prompt_cache_key").asText()).isEqualTo(derived);
        assertThat(translate("{\"contents\":[],\"cachedContent\":\"cachedContents/abc\"}", Contexts.toResponses(false))
                .get("prompt_cache_key").asText()).isEqualTo("cachedContents/abc");
        TranslationContext keyed = new TranslationContext("gpt-5-mini", "gemini-2.5-flash", false, Optional.of("ctx-key"));
        assertThat(translate(first, keyed).get("prompt_cache_key").asText()).isEqualTo("ctx-key");
    }

    @Feature(client = GEMINI_GENERATE, upstream = OPENAI_RESPONSES, name = "multi-turn", verdict = SUPPORTED,
            note = "user/model contents ↔ message, function_call and function_call_output items; store:false (the client keeps its history)")
    @Test
    void theAnswerIsNotStoredAndAStreamingClientStreams() {
        JsonNode out = translate("{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}]}", Contexts.toResponses(true));
        assertThat(out.get("store").asBoolean(true)).isFalse();
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.get("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(out.get("input")).isEqualTo(Json.parse("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}]}]"));
    }

    @Test
    void aResponseThatAnswersNoCallIsRefusedNamingTheContent() {
        assertThatThrownBy(() -> translate("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}]}",
                Contexts.toResponses(false))).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("contents[0].parts.functionResponse"));
    }
}
