package gproxy.translate.responseschat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;

class OpenAiChatToResponsesRequestTest {
    private static final String DIR = "openai-chat-to-responses/";
    private final OpenAiChatToResponsesRequest translator = new OpenAiChatToResponsesRequest();

    private JsonNode translate(String fixture, TranslationContext context) {
        return Json.parse(translator.translate(bytes(DIR + fixture), context));
    }

    private JsonNode translateText(String body, TranslationContext context) {
        return Json.parse(translator.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    private static List<String> types(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.get("type").asText()).toList();
    }

    @Test
    void conversationWithToolsFormatAndSamplingMatchesTheGolden() {
        assertJson(translate("request-conversation.chat.json", Contexts.toResponses(true)), DIR + "request-conversation.responses.json");
    }

    @Test
    void messagesBecomeItemsInOrderWithSystemAndDeveloperKeepingTheirRoles() {
        JsonNode input = translate("request-conversation.chat.json", Contexts.toResponses(false)).get("input");
        assertThat(types(input)).containsExactly("message", "message", "message", "message", "function_call", "function_call",
                "function_call_output", "function_call_output", "message", "message");
        assertThat(input.get(0)).isEqualTo(Json.parse("{\"type\":\"message\",\"role\":\"system\",\"content\":\"You are terse.\"}"));
        assertThat(input.get(1).get("role").asText()).isEqualTo("developer");
    }

    @Test
    void toolCallsBecomeFunctionCallItemsAndToolMessagesTheirOutputs() {
        JsonNode input = translate("request-conversation.chat.json", Contexts.toResponses(false)).get("input");
        assertThat(input.get(4)).isEqualTo(Json.parse(
                "{\"type\":\"function_call\",\"call_id\":\"call_p\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}"));
        assertThat(input.get(7)).isEqualTo(Json.parse("{\"type\":\"function_call_output\",\"call_id\":\"call_r\",\"output\":\"24 C\"}"));
        assertThat(input.get(8).get("content")).isEqualTo(Json.parse("[{\"type\":\"refusal\",\"refusal\":\"I won't guess.\"}]"));
    }

    @Test
    void userPartsBecomeInputPartsAndAudioIsDropped() {
        JsonNode parts = translate("request-conversation.chat.json", Contexts.toResponses(false)).at("/input/2/content");
        assertThat(types(parts)).containsExactly("input_text", "input_image", "input_file");
        assertThat(parts.get(1)).isEqualTo(Json.parse("{\"type\":\"input_image\",\"image_url\":\"https://example.com/sky.png\",\"detail\":\"high\"}"));
    }

    @Test
    void toolsAreFlattenedAndAllowedToolsCarried() {
        JsonNode out = translate("request-conversation.chat.json", Contexts.toResponses(false));
        assertThat(out.get("tools")).hasSize(1);
        assertThat(out.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(out.get("tool_choice")).isEqualTo(Json.parse(
                "{\"type\":\"allowed_tools\",\"mode\":\"required\",\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\"}]}"));
    }

    @Test
    void responseFormatVerbosityAndEffortBecomeTextAndReasoning() {
        JsonNode out = translate("request-conversation.chat.json", Contexts.toResponses(false));
        assertThat(out.at("/text/format/type").asText()).isEqualTo("json_schema");
        assertThat(out.at("/text/format/name").asText()).isEqualTo("answer");
        assertThat(out.at("/text/verbosity").asText()).isEqualTo("medium");
        assertThat(out.get("reasoning")).isEqualTo(Json.parse("{\"effort\":\"low\"}"));
        assertThat(out.get("max_output_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void chatOnlySamplingFieldsAreDroppedAndTheAnswerIsNotStored() {
        JsonNode out = translate("request-conversation.chat.json", Contexts.toResponses(false));
        for (String dropped : new String[] {"stop", "seed", "presence_penalty", "logit_bias", "stream_options", "messages", "n"}) {
            assertThat(out.has(dropped)).as(dropped).isFalse();
        }
        assertThat(out.get("store").asBoolean()).isFalse();
        assertThat(out.get("top_logprobs").asInt()).isEqualTo(2);
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        assertThatThrownBy(() -> translateText("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":3}", Contexts.toResponses(false)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("n"));
    }

    @Test
    void theContextKeyIsUsedWhenTheClientHasNone() {
        TranslationContext keyed = new TranslationContext("gpt-5", "gpt-4o", false, Optional.of("ctx-key"));
        assertThat(translateText("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", keyed).get("prompt_cache_key").asText())
                .isEqualTo("ctx-key");
        assertThat(translate("request-conversation.chat.json", keyed).get("prompt_cache_key").asText()).isEqualTo("pck-1");
    }
}
