package gproxy.translate.geminichat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

class GeminiToOpenAiChatResponseTest {
    private static final String DIR = "openai-chat-to-gemini/";
    private final GeminiToOpenAiChatResponse translator = new GeminiToOpenAiChatResponse(Contexts.CLOCK);

    private JsonNode translate(String fixture) {
        return Json.parse(translator.translate(bytes(DIR + fixture), Contexts.toGemini(false)));
    }

    @Test
    void thoughtsTextToolCallsAndUsageMatchTheGolden() {
        assertJson(translate("response-tools.gemini.json"), DIR + "response-tools.chat.json");
    }

    @Test
    void functionCallsBecomeToolCallsAndTheTurnFinishesWithToolCalls() {
        JsonNode choice = translate("response-tools.gemini.json").at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode calls = choice.at("/message/tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).at("/function/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(calls.get(0).get("id").asText()).isNotEqualTo(calls.get(1).get("id").asText());
    }

    @Test
    void theCallsSignatureTravelsInItsIdAndComesBackOnTheNextRequest() {
        JsonNode calls = translate("response-tools.gemini.json").at("/choices/0/message/tool_calls");
        assertThat(ToolCallIds.read(calls.get(0).get("id").asText()).flatMap(ToolCallIds.GeminiCall::signature)).contains("c2lnLWNhbGw=");
        assertThat(calls.get(1).get("id").asText()).matches("call_[0-9a-f]{24}");
        assertThat(calls.get(0).get("id").asText()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void thoughtsBecomeReasoningContentAndNeverTheAnswer() {
        JsonNode message = translate("response-tools.gemini.json").at("/choices/0/message");
        assertThat(message.get("reasoning_content").asText()).isEqualTo("The user wants two cities.");
        assertThat(message.get("content").asText()).isEqualTo("Checking both.");
    }

    @Test
    void usageCountsThoughtsAsReasoningOutputAndToolPromptsAsInputWithNoTokenLost() {
        JsonNode usage = translate("response-tools.gemini.json").get("usage");
        assertThat(usage.get("prompt_tokens").asLong()).isEqualTo(1510);
        assertThat(usage.get("completion_tokens").asLong()).isEqualTo(160);
        assertThat(usage.get("total_tokens").asLong()).isEqualTo(1670);
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(1024);
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(120);
    }

    @Test
    void candidatesAreChoicesAndMaxTokensAndRecitationMapToLengthAndContentFilter() {
        JsonNode out = translate("response-candidates.gemini.json");
        assertJson(out, DIR + "response-candidates.chat.json");
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(out.at("/choices/1/finish_reason").asText()).isEqualTo("content_filter");
    }

    @Test
    void aBlockedPromptIsAnEmptyChoiceFinishedByContentFilter() {
        JsonNode out = translate("response-blocked.gemini.json");
        assertJson(out, DIR + "response-blocked.chat.json");
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(out.at("/usage/prompt_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void theClientsModelAndAnIdFromTheResponseIdAreEchoed() {
        JsonNode out = translate("response-candidates.gemini.json");
        assertThat(out.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(out.get("id").asText()).isEqualTo("chatcmpl-resp-g2");
        assertThat(out.get("created").asLong()).isEqualTo(1_700_000_000L);
    }
}
