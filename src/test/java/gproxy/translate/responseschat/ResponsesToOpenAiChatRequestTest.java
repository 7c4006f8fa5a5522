package gproxy.translate.responseschat;

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
import gproxy.translate.TranslationContext;

class ResponsesToOpenAiChatRequestTest {
    private static final String DIR = "responses-to-openai-chat/";
    private final ResponsesToOpenAiChatRequest translator = new ResponsesToOpenAiChatRequest();

    private JsonNode translate(String fixture, TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + fixture), context));
    }

    private JsonNode translateText(String body, TranslationContext context) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Test
    void conversationWithToolsFormatAndReasoningMatchesTheGolden() {
        assertJson(translate("request-conversation.responses.json", Contexts.toChat(false)), DIR + "request-conversation.chat.json");
    }

    @Test
    void instructionsBecomeTheFirstSystemMessageAndDeveloperMessagesKeepTheirRole() {
        JsonNode messages = translate("request-conversation.responses.json", Contexts.toChat(false)).get("messages");
        assertThat(messages.get(0)).isEqualTo(Json.parse("{\"role\":\"system\",\"content\":\"You are terse.\"}"));
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "tool", "tool", "developer", "user");
    }

    @Test
    void functionCallItemsJoinTheAssistantMessageBeforeThemAndOutputsBecomeToolMessages() {
        JsonNode messages = translate("request-conversation.responses.json", Contexts.toChat(false)).get("messages");
        JsonNode assistant = messages.get(2);
        assertThat(assistant.get("content").asText()).isEqualTo("Checking.");
        assertThat(assistant.get("tool_calls").findValuesAsText("id")).containsExactly("call_p", "call_r");
        assertThat(messages.get(3)).isEqualTo(Json.parse("{\"role\":\"tool\",\"tool_call_id\":\"call_p\",\"content\":\"18 C\"}"));
        assertThat(messages.get(4).at("/content/0/text").asText()).isEqualTo("24 C");
    }

    @Test
    void flatFunctionToolsAreNestedAndBuiltInToolsDropped() {
        JsonNode out = translate("request-conversation.responses.json", Contexts.toChat(false));
        assertThat(out.get("tools")).hasSize(1);
        assertThat(out.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(out.at("/tools/0/function/strict").asBoolean()).isTrue();
        assertThat(out.get("tool_choice")).isEqualTo(Json.parse("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
    }

    @Test
    void textFormatBecomesResponseFormatAndReasoningEffortCarries() {
        JsonNode out = translate("request-conversation.responses.json", Contexts.toChat(false));
        assertThat(out.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(out.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
        assertThat(out.get("verbosity").asText()).isEqualTo("low");
        assertThat(out.get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(out.get("max_completion_tokens").asInt()).isEqualTo(500);
    }

    @Test
    void imagesAndFilesBecomeChatPartsAndAFileIdImageIsDropped() {
        JsonNode parts = translate("request-conversation.responses.json", Contexts.toChat(false)).get("messages").get(6).get("content");
        assertThat(parts.findValuesAsText("type")).containsExactly("text", "image_url", "file");
        assertThat(parts.get(1).get("image_url")).isEqualTo(Json.parse("{\"url\":\"data:image/png;base64,iVBORw0KGgo=\",\"detail\":\"low\"}"));
    }

    @Test
    void aStringInputIsOneUserMessage() {
        JsonNode out = translateText("{\"model\":\"m\",\"input\":\"Hi\"}", Contexts.toChat(false));
        assertThat(out.get("messages")).isEqualTo(Json.parse("[{\"role\":\"user\",\"content\":\"Hi\"}]"));
    }

    @Test
    void theClientsPromptCacheKeyWinsAndTheContextsIsTheFallback() {
        assertThat(translate("request-conversation.responses.json", Contexts.toChat(false)).get("prompt_cache_key").asText()).isEqualTo("pck-1");
        TranslationContext keyed = new TranslationContext("gpt-4.1", "gpt-5", false, Optional.of("ctx-key"));
        assertThat(translateText("{\"input\":\"Hi\"}", keyed).get("prompt_cache_key").asText()).isEqualTo("ctx-key");
    }

    @Test
    void aStreamingClientMakesTheChatUpstreamReportUsage() {
        JsonNode out = translateText("{\"input\":\"Hi\",\"stream\":true}", Contexts.toChat(true));
        assertThat(out.get("stream").asBoolean()).isTrue();
        assertThat(out.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void statefulRequestsAreRefusedNamingTheField() {
        for (String body : new String[] {"{\"input\":\"x\",\"previous_response_id\":\"resp_1\"}", "{\"input\":\"x\",\"conversation\":\"conv_1\"}",
                "{\"input\":\"x\",\"background\":true}"}) {
            assertThatThrownBy(() -> translateText(body, Contexts.toChat(false))).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> translateText("{\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_secret\"}]}", Contexts.toChat(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("input[0]");
                    assertThat(e.getMessage()).doesNotContain("msg_secret");
                });
    }
}
