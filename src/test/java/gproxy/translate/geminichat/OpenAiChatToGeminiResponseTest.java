package gproxy.translate.geminichat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

class OpenAiChatToGeminiResponseTest {
    private static final String DIR = "gemini-to-openai-chat/";
    private final OpenAiChatToGeminiResponse translator = new OpenAiChatToGeminiResponse();

    private JsonNode translate(String fixture) {
        return Json.parse(translator.translate(bytes(DIR + fixture), Contexts.toChat(false)));
    }

    @Test
    void toolCallsReasoningAndUsageMatchTheGolden() {
        assertJson(translate("response-tools.chat.json"), DIR + "response-tools.gemini.json");
    }

    @Test
    void toolCallsBecomeWholeFunctionCallPartsKeepingTheChatIdAndFinishAsStop() {
        JsonNode candidate = translate("response-tools.chat.json").at("/candidates/0");
        assertThat(candidate.get("finishReason").asText()).isEqualTo("STOP");
        JsonNode call = candidate.at("/content/parts/2/functionCall");
        assertThat(call.get("id").asText()).isEqualTo("call_p1");
        assertThat(call.get("args")).isEqualTo(Json.parse("{\"city\":\"Paris\"}"));
    }

    @Test
    void reasoningContentBecomesAThoughtPartBeforeTheText() {
        JsonNode parts = translate("response-tools.chat.json").at("/candidates/0/content/parts");
        assertThat(parts.get(0).get("thought").asBoolean()).isTrue();
        assertThat(parts.get(0).get("text").asText()).isEqualTo("Two cities, two calls.");
        assertThat(parts.get(1).has("thought")).isFalse();
    }

    @Test
    void usageKeepsEveryTokenWithReasoningAsThoughtsAndCachedTokens() {
        JsonNode usage = translate("response-tools.chat.json").get("usageMetadata");
        assertThat(usage.get("promptTokenCount").asLong()).isEqualTo(1200);
        assertThat(usage.get("candidatesTokenCount").asLong()).isEqualTo(50);
        assertThat(usage.get("thoughtsTokenCount").asLong()).isEqualTo(30);
        assertThat(usage.get("cachedContentTokenCount").asLong()).isEqualTo(1024);
        assertThat(usage.get("totalTokenCount").asLong()).isEqualTo(1280);
    }

    @Test
    void eachChoiceIsACandidateAndLengthAndContentFilterMapToMaxTokensAndSafety() {
        JsonNode out = translate("response-choices.chat.json");
        assertJson(out, DIR + "response-choices.gemini.json");
        assertThat(out.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(out.at("/candidates/1/finishReason").asText()).isEqualTo("SAFETY");
        assertThat(out.at("/candidates/1/index").asInt()).isEqualTo(1);
        assertThat(out.at("/candidates/1/content/parts/0/text").asText()).isEqualTo("I can't help with that.");
    }

    @Test
    void theClientsModelNameIsEchoed() {
        assertThat(translate("response-choices.chat.json").get("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    }
}
