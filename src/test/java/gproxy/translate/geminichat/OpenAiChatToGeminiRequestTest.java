package gproxy.translate.geminichat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;

class OpenAiChatToGeminiRequestTest {
    private static final String DIR = "openai-chat-to-gemini/";
    private final OpenAiChatToGeminiRequest translator = new OpenAiChatToGeminiRequest();

    private JsonNode translate(String fixture, TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + fixture), context));
    }

    private JsonNode translateText(String body, TranslationContext context) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Test
    void conversationWithToolsHistoryAndSamplingMatchesTheGolden() {
        assertJson(translate("request-conversation.chat.json", Contexts.toGemini(true)), DIR + "request-conversation.gemini.json");
    }

    @Test
    void systemAndDeveloperMessagesFormTheSystemInstruction() {
        JsonNode out = translate("request-conversation.chat.json", Contexts.toGemini(false));
        assertThat(out.at("/systemInstruction/parts")).isEqualTo(Json.parse("[{\"text\":\"You are terse.\"},{\"text\":\"Use metric units.\"}]"));
        assertThat(out.at("/contents/0/role").asText()).isEqualTo("user");
    }

    @Test
    void toolResultsFindTheirFunctionNameAndParallelResultsShareOneUserTurn() {
        JsonNode contents = translate("request-conversation.chat.json", Contexts.toGemini(false)).get("contents");
        JsonNode results = contents.get(2).get("parts");
        assertThat(contents.get(2).get("role").asText()).isEqualTo("user");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("functionResponse")).isEqualTo(Json.parse("{\"name\":\"get_weather\",\"response\":{\"output\":\"18 C, cloudy\"}}"));
        assertThat(results.get(1).at("/functionResponse/response")).isEqualTo(Json.parse("{\"temp\":24}"));
    }

    @Test
    void aThoughtSignatureCarriedInOurIdGoesBackOnItsFunctionCall() {
        JsonNode calls = translate("request-conversation.chat.json", Contexts.toGemini(false)).at("/contents/1/parts");
        assertThat(calls.get(0).get("thoughtSignature").asText()).isEqualTo("c2lnLWNhbGw=");
        assertThat(calls.get(0).get("functionCall").has("id")).isFalse();
        assertThat(calls.get(1).has("thoughtSignature")).isFalse();
    }

    @Test
    void aGeminiCallIdCarriedInOurIdGoesBackOnTheCallAndItsResponse() {
        String id = ToolCallIds.issue(java.util.Optional.of("fc-7"), java.util.Optional.of("c2lnLTI="), "seed");
        JsonNode out = translateText("""
                {"messages":[{"role":"user","content":"go"},
                 {"role":"assistant","tool_calls":[{"id":"%s","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"%s","content":"done"}]}""".formatted(id, id), Contexts.toGemini(false));
        assertThat(out.at("/contents/1/parts/0/functionCall/id").asText()).isEqualTo("fc-7");
        assertThat(out.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo("c2lnLTI=");
        assertThat(out.at("/contents/2/parts/0/functionResponse/id").asText()).isEqualTo("fc-7");
    }

    @Test
    void gemini3GetsThePlaceholderSignatureOnTheFirstUnsignedCallOfATurn() {
        JsonNode parts = translateText("""
                {"messages":[{"role":"user","content":"go"},
                 {"role":"assistant","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"f","arguments":"{}"}},
                                                   {"id":"toolu_2","type":"function","function":{"name":"f","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"toolu_1","content":"a"},{"role":"tool","tool_call_id":"toolu_2","content":"b"}]}""",
                Contexts.toGemini3()).at("/contents/1/parts");
        assertThat(parts.get(0).get("thoughtSignature").asText()).isEqualTo(SignatureFallback.SKIP_VALIDATOR);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
    }

    @Test
    void brokenToolArgumentsInHistoryAreKeptAsTextRatherThanFailingTheTurn() {
        JsonNode out = translateText("""
                {"messages":[{"role":"user","content":"go"},
                 {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\\"a\\":"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"x"}]}""", Contexts.toGemini(false));
        assertThat(out.at("/contents/1/parts/0/functionCall/args")).isEqualTo(Json.parse("{\"arguments\":\"{\\\"a\\\":\"}"));
    }

    @Test
    void aToolResultForAnUnknownCallIsA400NamingTheField() {
        assertThatThrownBy(() -> translateText("{\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"x\"}]}",
                Contexts.toGemini(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("messages[0].tool_call_id"));
    }

    @Test
    void imagesAudioAndInlineFilesBecomeInlineDataAndUrlsFileData() {
        assertJson(translate("request-media.chat.json", Contexts.toGemini(false)), DIR + "request-media.gemini.json");
    }

    @Test
    void jsonSchemaIsConvertedToGeminisSubsetWithRefsInlined() {
        JsonNode out = translate("request-structured.chat.json", Contexts.toGemini(false));
        assertJson(out, DIR + "request-structured.gemini.json");
        JsonNode schema = out.at("/generationConfig/responseSchema");
        assertThat(schema.has("additionalProperties")).isFalse();
        assertThat(schema.at("/properties/cities/items/properties/name/type").asText()).isEqualTo("STRING");
        assertThat(schema.at("/properties/kind/enum")).isEqualTo(Json.parse("[\"list\"]"));
    }

    @Test
    void reasoningEffortBecomesAThinkingBudgetWithThoughtSummaries() {
        JsonNode thinking = translate("request-structured.chat.json", Contexts.toGemini(false)).at("/generationConfig/thinkingConfig");
        assertThat(thinking).isEqualTo(Json.parse("{\"thinkingBudget\":8192,\"includeThoughts\":true}"));
        JsonNode off = translateText("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"reasoning_effort\":\"none\"}", Contexts.toGemini(false));
        assertThat(off.at("/generationConfig/thinkingConfig")).isEqualTo(Json.parse("{\"thinkingBudget\":0,\"includeThoughts\":false}"));
    }

    @Test
    void jsonObjectModeIsTheJsonMimeType() {
        JsonNode out = translateText("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"json_object\"}}",
                Contexts.toGemini(false));
        assertThat(out.get("generationConfig")).isEqualTo(Json.parse("{\"responseMimeType\":\"application/json\"}"));
    }

    @Test
    void toolChoiceMapsToFunctionCallingConfig() {
        assertThat(choice("\"none\"")).isEqualTo(Json.parse("{\"mode\":\"NONE\"}"));
        assertThat(choice("\"auto\"")).isEqualTo(Json.parse("{\"mode\":\"AUTO\"}"));
        assertThat(choice("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"))
                .isEqualTo(Json.parse("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"));
        assertThat(choice("{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"required\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}}"))
                .isEqualTo(Json.parse("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"));
    }

    private JsonNode choice(String choice) {
        return translateText("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"tool_choice\":" + choice + "}", Contexts.toGemini(false)).at("/toolConfig/functionCallingConfig");
    }

    @Test
    void anUnknownRoleIsA400() {
        assertThatThrownBy(() -> translateText("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", Contexts.toGemini(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("messages[0].role"));
    }
}
