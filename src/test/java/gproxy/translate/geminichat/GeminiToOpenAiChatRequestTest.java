package gproxy.translate.geminichat;

import gproxy.translate.gemini.GeminiFieldNames;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;

class GeminiToOpenAiChatRequestTest {
    private static final String DIR = "gemini-to-openai-chat/";
    private final GeminiToOpenAiChatRequest translator = new GeminiToOpenAiChatRequest();

    private JsonNode translate(String fixture, TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + fixture), context));
    }

    @Test
    void conversationWithSystemToolsHistoryAndSamplingMatchesTheGolden() {
        assertJson(translate("request-conversation.gemini.json", Contexts.toChat(false)), DIR + "request-conversation.chat.json");
    }

    @Test
    void systemInstructionPartsBecomeOneSystemMessageFirst() {
        JsonNode messages = translate("request-conversation.gemini.json", Contexts.toChat(false)).get("messages");
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("You are terse.\nUse metric units.");
    }

    @Test
    void parallelFunctionCallsWithoutIdsGetStableIdsAndResponsesMatchThemByNameInOrder() {
        JsonNode messages = translate("request-conversation.gemini.json", Contexts.toChat(false)).get("messages");
        JsonNode calls = messages.get(2).get("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo(calls.get(0).get("id").asText());
        assertThat(messages.get(4).get("tool_call_id").asText()).isEqualTo(calls.get(1).get("id").asText());
        assertThat(messages.get(3).get("content").asText()).isEqualTo("18 C, cloudy");
        assertThat(Json.parse(messages.get(4).get("content").asText())).isEqualTo(Json.parse("{\"temp\":24,\"sky\":\"clear\"}"));
        JsonNode again = translate("request-conversation.gemini.json", Contexts.toChat(false)).get("messages");
        assertThat(again.get(2).get("tool_calls")).isEqualTo(calls);
    }

    @Test
    void functionResponseWithAGeminiIdAnswersTheCallWithThatId() {
        String body = """
                {"contents":[{"role":"user","parts":[{"text":"go"}]},
                 {"role":"model","parts":[{"functionCall":{"id":"call_b","name":"f","args":{}}},{"functionCall":{"id":"call_a","name":"f","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"id":"call_a","name":"f","response":{"output":"A"}}},
                                         {"functionResponse":{"id":"call_b","name":"f","response":{"output":"B"}}}]}]}""";
        JsonNode messages = Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false))).get("messages");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo("call_a");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("A");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_b");
    }

    @Test
    void aFunctionResponseThatAnswersNoCallIsA400NamingTheFieldNotTheContent() {
        String body = """
                {"contents":[{"role":"user","parts":[{"functionResponse":{"name":"secret_tool","response":{"output":"x"}}}]}]}""";
        assertThatThrownBy(() -> translator.translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("contents[0].parts.functionResponse");
                    assertThat(e.getMessage()).doesNotContain("secret_tool");
                });
    }

    @Test
    void imagesAudioAndPdfBecomeChatPartsAndANonImageFileUriIsDropped() {
        assertJson(translate("request-media.gemini.json", Contexts.toChat(false)), DIR + "request-media.chat.json");
    }

    @Test
    void responseSchemaBecomesAJsonSchemaResponseFormatAndBudgetAnEffort() {
        JsonNode out = translate("request-structured.gemini.json", Contexts.toChat(false));
        assertJson(out, DIR + "request-structured.chat.json");
        assertThat(out.get("reasoning_effort").asText()).isEqualTo("low");
    }

    @Test
    void jsonMimeTypeAloneIsJsonObjectModeAndThinkingLevelIsAnEffort() {
        JsonNode out = translate("request-json-mode.gemini.json", Contexts.toChat(false));
        assertThat(out.get("response_format")).isEqualTo(Json.parse("{\"type\":\"json_object\"}"));
        assertThat(out.get("reasoning_effort").asText()).isEqualTo("high");
    }

    @Test
    void responseJsonSchemaIsPassedAsIs() {
        String body = """
                {"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseMimeType":"application/json",
                 "responseJsonSchema":{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}}}""";
        JsonNode out = Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)));
        assertThat(out.at("/response_format/json_schema/schema/additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void cachedContentNameIsThePromptCacheKey() {
        assertThat(translate("request-json-mode.gemini.json", Contexts.toChat(false)).get("prompt_cache_key").asText())
                .isEqualTo("cachedContents/abc123");
    }

    @Test
    void theContextKeyIsUsedWhenTheClientNamesNoCachedContent() {
        TranslationContext context = new TranslationContext("gpt-4.1", "gemini", false, Optional.of("tenant-7:conv-1"));
        assertThat(translate("request-media.gemini.json", context).get("prompt_cache_key").asText()).isEqualTo("tenant-7:conv-1");
    }

    @Test
    void derivedPromptCacheKeyStaysTheSameAsTurnsAreAppended() {
        String first = """
                {"systemInstruction":{"parts":[{"text":"sys"}]},"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
        String longer = """
                {"systemInstruction":{"parts":[{"text":"sys"}]},"contents":[{"role":"user","parts":[{"text":"hi"}]},
                 {"role":"model","parts":[{"text":"hello"}]},{"role":"user","parts":[{"text":"more"}]}]}""";
        String other = """
                {"systemInstruction":{"parts":[{"text":"other"}]},"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
        String a = key(first);
        assertThat(a).startsWith("gproxy-").hasSize(39);
        assertThat(key(longer)).isEqualTo(a);
        assertThat(key(other)).isNotEqualTo(a);
    }

    private String key(String body) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)))
                .get("prompt_cache_key").asText();
    }

    @Test
    void aStreamingClientMakesTheUpstreamStreamWithUsage() {
        JsonNode out = translate("request-media.gemini.json", Contexts.toChat(true));
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(translate("request-media.gemini.json", Contexts.toChat(false)).has("stream")).isFalse();
    }

    @Test
    void toolConfigModesMapToToolChoice() {
        assertThat(choice("{\"mode\":\"AUTO\"}").asText()).isEqualTo("auto");
        assertThat(choice("{\"mode\":\"NONE\"}").asText()).isEqualTo("none");
        assertThat(choice("{\"mode\":\"ANY\"}").asText()).isEqualTo("required");
        assertThat(choice("{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"))
                .isEqualTo(Json.parse("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"));
        assertThat(choice("{\"mode\":\"AUTO\",\"allowedFunctionNames\":[\"f\",\"g\"]}")).isEqualTo(Json.parse("""
                {"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[
                 {"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"g"}}]}}"""));
    }

    private JsonNode choice(String config) {
        String body = "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"f\"},{\"name\":\"g\"}]}],"
                + "\"toolConfig\":{\"functionCallingConfig\":" + config + "}}";
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false))).get("tool_choice");
    }

    @Test
    void malformedBodiesAre400s() {
        assertThatThrownBy(() -> translator.translate("{".getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("invalid_json"));
        assertThatThrownBy(() -> translator.translate("{\"contents\":{}}".getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("contents"));
    }

    @Test
    void protoFieldNamesAreReadLikeTheirCamelCaseNamesButClientDataKeepsItsKeys() {
        String snake = """
                {"system_instruction":{"parts":[{"text":"sys"}]},
                 "contents":[{"role":"user","parts":[{"text":"hi"},{"inline_data":{"mime_type":"image/png","data":"AA=="}}]},
                  {"role":"model","parts":[{"function_call":{"name":"f","args":{"snake_key":1}}}]},
                  {"role":"user","parts":[{"function_response":{"name":"f","response":{"out_put":"x"}}}]}],
                 "tools":[{"function_declarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"snake_key":{"type":"INTEGER"}}}}]}],
                 "generation_config":{"max_output_tokens":5,"stop_sequences":["X"]}}""";
        JsonNode out = Json.parse(translator.translate(snake.getBytes(StandardCharsets.UTF_8), Contexts.toChat(false)));
        assertThat(out.at("/messages/0/content").asText()).isEqualTo("sys");
        assertThat(out.at("/messages/1/content/1/image_url/url").asText()).isEqualTo("data:image/png;base64,AA==");
        assertThat(out.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"snake_key\":1}");
        assertThat(out.at("/messages/3/content").asText()).isEqualTo("{\"out_put\":\"x\"}");
        assertThat(out.at("/tools/0/function/parameters/properties").has("snake_key")).isTrue();
        assertThat(out.get("max_completion_tokens").asInt()).isEqualTo(5);
        assertThat(GeminiFieldNames.camel("a_b_c")).isEqualTo("aBC");
    }
}
