package gproxy.translate.responseschat;

import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;

class ResponsesToOpenAiChatResponseTest {
    private static final String DIR = "openai-chat-to-responses/";
    private final ResponsesToOpenAiChatResponse translator = new ResponsesToOpenAiChatResponse();

    private JsonNode translate(String fixture) {
        return Json.parse(translator.translate(bytes(DIR + fixture), Contexts.toResponses(false)));
    }

    @Test
    void reasoningTextAndFunctionCallsMatchTheGolden() {
        assertJson(translate("response-tools.responses.json"), DIR + "response-tools.chat.json");
    }

    @Test
    void functionCallItemsBecomeToolCallsAndBuiltInCallsAreDropped() {
        JsonNode choice = translate("response-tools.responses.json").at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/tool_calls")).hasSize(2);
        assertThat(choice.at("/message/tool_calls/1/id").asText()).isEqualTo("call_r");
    }

    @Test
    void reasoningSummariesBecomeReasoningContentApartByABlankLine() {
        assertThat(translate("response-tools.responses.json").at("/choices/0/message/reasoning_content").asText())
                .isEqualTo("Two cities.\n\nTwo calls.");
    }

    @Test
    void usageKeepsEveryTokenWithCachedAndReasoningDetails() {
        assertThat(translate("response-tools.responses.json").get("usage")).isEqualTo(Json.parse("""
                {"prompt_tokens":1200,"completion_tokens":80,"total_tokens":1280,"prompt_tokens_details":{"cached_tokens":1024},
                 "completion_tokens_details":{"reasoning_tokens":30}}"""));
    }

    @Test
    void anIncompleteResponseFinishesByItsReasonAndKeepsTheRefusal() {
        JsonNode out = translate("response-incomplete.responses.json");
        assertThat(out.at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(out.at("/choices/0/message/refusal").asText()).isEqualTo("Stopped.");
        JsonNode length = Json.parse(translator.translate(
                "{\"id\":\"resp_x\",\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"output\":[]}"
                        .getBytes(StandardCharsets.UTF_8), Contexts.toResponses(false)));
        assertThat(length.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aFailedResponseIsA502NamingOnlyTheUpstreamsErrorCode() {
        byte[] failed = "{\"id\":\"resp_f\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"prompt: secret\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> translator.translate(failed, Contexts.toResponses(false)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("server_error").doesNotContain("secret");
                });
    }

    @Test
    void idsAndModelAreTheClientsShape() {
        JsonNode out = translate("response-tools.responses.json");
        assertThat(out.get("id").asText()).isEqualTo("chatcmpl-abc");
        assertThat(out.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(out.get("created").asLong()).isEqualTo(1_700_000_000L);
    }
}
