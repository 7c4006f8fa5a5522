package gproxy.translate.responseschat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

class OpenAiChatToResponsesResponseTest {
    private static final String DIR = "responses-to-openai-chat/";
    private final OpenAiChatToResponsesResponse translator = new OpenAiChatToResponsesResponse();

    private JsonNode translate(String fixture) {
        return Json.parse(translator.translate(bytes(DIR + fixture), Contexts.toChat(false)));
    }

    @Test
    void reasoningTextAndToolCallsMatchTheGolden() {
        assertJson(translate("response-tools.chat.json"), DIR + "response-tools.responses.json");
    }

    @Test
    void outputItemsComeAsReasoningThenMessageThenOneFunctionCallPerToolCall() {
        JsonNode output = translate("response-tools.chat.json").get("output");
        assertThat(itemTypes(output)).containsExactly("reasoning", "message", "function_call", "function_call");
        assertThat(output.get(0).at("/summary/0/text").asText()).isEqualTo("Two cities.");
        assertThat(output.get(2).get("call_id").asText()).isEqualTo("call_p");
        assertThat(output.get(2).get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    }

    @Test
    void aToolCallTurnIsCompleted() {
        assertThat(translate("response-tools.chat.json").get("status").asText()).isEqualTo("completed");
    }

    @Test
    void lengthIsIncompleteForMaxOutputTokens() {
        JsonNode out = translate("response-length.chat.json");
        assertThat(out.get("status").asText()).isEqualTo("incomplete");
        assertThat(out.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(out.at("/output/0/status").asText()).isEqualTo("incomplete");
    }

    @Test
    void usageKeepsEveryTokenWithCachedAndReasoningDetails() {
        JsonNode usage = translate("response-tools.chat.json").get("usage");
        assertThat(usage).isEqualTo(Json.parse("""
                {"input_tokens":1200,"input_tokens_details":{"cached_tokens":1024},"output_tokens":80,
                 "output_tokens_details":{"reasoning_tokens":30},"total_tokens":1280}"""));
    }

    @Test
    void idsDeriveFromTheChatIdAndTheClientsModelIsEchoed() {
        JsonNode out = translate("response-tools.chat.json");
        assertThat(out.get("id").asText()).isEqualTo("resp_abc");
        assertThat(out.at("/output/1/id").asText()).isEqualTo("msg_abc");
        assertThat(out.get("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(out.get("created_at").asLong()).isEqualTo(1_700_000_000L);
    }

    private static List<String> itemTypes(JsonNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(i -> i.get("type").asText()).toList();
    }
}
