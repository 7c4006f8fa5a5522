package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.IMAGES;
import static gproxy.translate.Conformance.STRUCTURED_OUTPUT;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.DROPPED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

class OpenAiChatToClaudeRequestTest {
    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"secret words\"}]";
    private static final String TOOL = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "max_tokens", verdict = APPROXIMATED,
            note = "Claude requires max_tokens: 4096 when the client gives none (every Claude model allows it),"
                    + " plus the thinking budget when reasoning_effort is set")
    @Test
    void maxTokensDefaultsTo4096AndMakesRoomForThinking() {
        assertThat(convert("{" + HELLO + "}").path("max_tokens").asLong()).isEqualTo(4096);
        assertThat(convert("{\"reasoning_effort\":\"medium\"," + HELLO + "}").path("max_tokens").asLong())
                .isEqualTo(4096 + 8192);
        assertThat(convert("{\"max_tokens\":77," + HELLO + "}").path("max_tokens").asLong()).isEqualTo(77);
        assertThat(convert("{\"max_completion_tokens\":88,\"max_tokens\":77," + HELLO + "}").path("max_tokens").asLong())
                .isEqualTo(88);
    }

    @ParameterizedTest
    @CsvSource({"minimal, 1024", "low, 2048", "medium, 8192", "high, 16384", "xhigh, 16384"})
    void olderClaudeModelsGetABudget(String effort, int budget) {
        JsonNode out = convert("{\"reasoning_effort\":\"" + effort + "\"," + HELLO + "}", "claude-sonnet-4-5-20250929");

        assertThat(out.path("thinking")).isEqualTo(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":" + budget + "}"));
        assertThat(out.has("output_config")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"minimal, low", "low, low", "medium, medium", "high, high", "xhigh, xhigh"})
    void currentClaudeModelsGetAdaptiveThinkingWithAnEffort(String effort, String claude) {
        JsonNode out = convert("{\"reasoning_effort\":\"" + effort + "\"," + HELLO + "}", "claude-opus-4-6");

        assertThat(out.path("thinking")).isEqualTo(Json.parse("{\"type\":\"adaptive\"}"));
        assertThat(out.path("output_config").path("effort").asText()).isEqualTo(claude);
    }

    @ParameterizedTest
    @CsvSource({"claude-3-7-sonnet-20250219, false", "claude-sonnet-4-20250514, false", "claude-opus-4-1, false",
        "anthropic.claude-opus-4-5-20251101-v1:0, false", "claude-haiku-4-5@20251001, false",
        "claude-opus-4-6, true", "claude-sonnet-4-6, true", "claude-opus-4-7, true", "claude-sonnet-5, true",
        "claude-fable-5-1, true", "my-alias, true"})
    void modelGenerationDecidesTheThinkingShape(String model, boolean adaptive) {
        assertThat(Reasoning.adaptive(model)).isEqualTo(adaptive);
    }

    @Test
    void aBudgetStaysUnderTheClientsCapOrThinkingIsOff() {
        String model = "claude-sonnet-4-5";

        assertThat(convert("{\"max_tokens\":1500,\"reasoning_effort\":\"high\"," + HELLO + "}", model)
                .path("thinking").path("budget_tokens").asInt()).isEqualTo(1499);
        assertThat(convert("{\"max_tokens\":800,\"reasoning_effort\":\"high\"," + HELLO + "}", model).has("thinking"))
                .isFalse();
        assertThat(convert("{\"reasoning_effort\":\"none\"," + HELLO + "}", model).has("thinking")).isFalse();
    }

    @Test
    void unknownReasoningEffortIsA400NamingIt() {
        assertThatThrownBy(() -> convert("{\"reasoning_effort\":\"extreme\"," + HELLO + "}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("reasoning_effort");
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "sampling", verdict = APPROXIMATED,
            note = "temperature clamped to [0, 1]; top_p dropped next to temperature (recent Claude models reject"
                    + " both); top_k carried; seed, penalties and logit_bias dropped")
    @Test
    void samplingFitsClaudesRanges() {
        JsonNode out = convert("{\"temperature\":1.6,\"top_p\":0.5,\"top_k\":20,\"seed\":1," + HELLO + "}");

        assertThat(out.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(out.has("top_p")).isFalse();
        assertThat(out.path("top_k").asInt()).isEqualTo(20);
        assertThat(out.has("seed")).isFalse();
        assertThat(convert("{\"top_p\":0.5," + HELLO + "}").path("top_p").asDouble()).isEqualTo(0.5);
    }

    @Test
    void stopAsAStringOrAListBecomesStopSequencesWithoutBlanks() {
        assertThat(convert("{\"stop\":\"END\"," + HELLO + "}").path("stop_sequences")).isEqualTo(Json.parse("[\"END\"]"));
        assertThat(convert("{\"stop\":[\"a\",\" \",\"b\"]," + HELLO + "}").path("stop_sequences"))
                .isEqualTo(Json.parse("[\"a\",\"b\"]"));
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        assertThatThrownBy(() -> convert("{\"n\":2," + HELLO + "}")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("n:").hasMessageNotContaining("secret");
        assertThat(convert("{\"n\":1," + HELLO + "}").has("n")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"auto\"|{\"type\":\"auto\"}",
        "\"required\"|{\"type\":\"any\"}",
        "\"none\"|{\"type\":\"none\"}",
        "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}|{\"type\":\"tool\",\"name\":\"f\"}",
        "{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"required\",\"tools\":[]}}|{\"type\":\"any\"}"})
    void toolChoiceMapsEveryMode(String openAi, String claude) {
        JsonNode out = convert("{" + TOOL + ",\"tool_choice\":" + openAi + "," + HELLO + "}");

        assertThat(out.path("tool_choice")).isEqualTo(Json.parse(claude));
        assertThat(out.path("tools")).isEqualTo(Json.parse("[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}]"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = APPROXIMATED,
            note = "a forced tool_choice becomes auto when thinking is on (Claude refuses both together)")
    @Test
    void forcedToolUseGivesWayToThinking() {
        JsonNode out = convert("{" + TOOL + ",\"tool_choice\":\"required\",\"reasoning_effort\":\"low\"," + HELLO + "}");

        assertThat(out.path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"auto\"}"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "json_object -> a synthetic tool taking any object; with client tools the choice is 'any' so the"
                    + " model either calls a tool or answers through the synthetic one")
    @Test
    void jsonModeAndClientToolsShareTheToolList() {
        JsonNode alone = convert("{\"response_format\":{\"type\":\"json_object\"}," + HELLO + "}");
        JsonNode withTools = convert("{" + TOOL + ",\"response_format\":{\"type\":\"json_object\"}," + HELLO + "}");
        JsonNode text = convert("{\"response_format\":{\"type\":\"text\"}," + HELLO + "}");

        assertThat(alone.path("tools").path(0).path("input_schema")).isEqualTo(Json.parse("{\"type\":\"object\"}"));
        assertThat(alone.path("tool_choice").path("name").asText()).isEqualTo(StructuredOutput.TOOL_NAME);
        assertThat(withTools.path("tools").findValuesAsText("name")).containsExactly("f", StructuredOutput.TOOL_NAME);
        assertThat(withTools.path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"any\"}"));
        assertThat(text.has("tools")).isFalse();
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = IMAGES, verdict = DROPPED,
            note = "file_id parts, input_audio and non-base64 data URLs have no Claude form and are dropped;"
                    + " text/* file data becomes a text document")
    @Test
    void mediaClaudeCannotReadIsDroppedAndTextFilesBecomeTextDocuments() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":\"https://x/a.png\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/svg+xml,%3Csvg%3E\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA\",\"format\":\"wav\"}},"
                + "{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}},"
                + "{\"type\":\"file\",\"file\":{\"filename\":\"n.txt\",\"file_data\":\"data:text/plain;base64,aGk=\"}}]}]}");

        assertThat(out.path("messages").path(0).path("content")).isEqualTo(Json.parse("["
                + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://x/a.png\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"hi\"},"
                + "\"title\":\"n.txt\"}]"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = DROPPED,
            note = "unsigned reasoning_content and other vendors' reasoning_details are not sent (Claude rejects"
                    + " unsigned or foreign thinking)")
    @Test
    void onlySignedClaudeReasoningIsSentBack() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                + "\"content\":\"a\",\"reasoning_content\":\"unsigned\",\"reasoning_details\":[{\"type\":\"reasoning.text\","
                + "\"text\":\"g\",\"signature\":\"gem\",\"format\":\"google-gemini-v1\"}]},{\"role\":\"user\",\"content\":\"q2\"}]}");

        assertThat(out.path("messages").path(1).path("content").asText()).isEqualTo("a");
    }

    @Test
    void brokenToolArgumentsAreKeptRatherThanLost() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"tool_calls\":"
                + "[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"r\"}]}");

        assertThat(out.path("messages").path(1).path("content").path(0).path("input"))
                .isEqualTo(Json.parse("{\"_raw_arguments\":\"{oops\"}"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "metadata", verdict = SUPPORTED,
            note = "user (else safety_identifier) -> metadata.user_id; service_tier auto/default -> auto/standard_only")
    @Test
    void userBecomesMetadataUserId() {
        assertThat(convert("{\"user\":\"u1\"," + HELLO + "}").path("metadata").path("user_id").asText()).isEqualTo("u1");
        assertThat(convert("{\"safety_identifier\":\"s1\"," + HELLO + "}").path("metadata").path("user_id").asText())
                .isEqualTo("s1");
        assertThat(convert("{\"service_tier\":\"default\"," + HELLO + "}").path("service_tier").asText())
                .isEqualTo("standard_only");
    }

    @Test
    void aStreamingClientMakesAStreamingUpstreamRequest() {
        TranslationContext streaming = new TranslationContext("m", "c", true, Optional.empty());

        JsonNode out = Json.parse(OpenAiChatToClaudeRequest.translate(("{" + HELLO + "}").getBytes(), streaming));

        assertThat(out.path("stream").asBoolean()).isTrue();
        assertThat(convert("{" + HELLO + "}").has("stream")).isFalse();
    }

    @Test
    void malformedMessagesAre400sNamingTheField() {
        assertThatThrownBy(() -> convert("{\"messages\":[]}")).hasMessageContaining("messages");
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"robot\",\"content\":\"secret words\"}]}"))
                .hasMessageContaining("messages[0].role").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"tool\",\"content\":\"secret words\"}]}"))
                .hasMessageContaining("messages[0].tool_call_id");
        assertThatThrownBy(() -> convert("{\"max_tokens\":\"lots\"," + HELLO + "}")).hasMessageContaining("max_tokens");
        assertThatThrownBy(() -> convert("{" + HELLO + ",\"tools\":[{\"type\":\"function\",\"function\":{}}]}"))
                .hasMessageContaining("tools[0].function.name");
    }

    @Test
    void emptyTextAndEmptyTurnsAreSkipped() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"},{\"type\":\"text\",\"text\":\"q2\"}]}]}");

        assertThat(out.path("messages")).isEqualTo(Json.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"q\"},"
                + "{\"type\":\"text\",\"text\":\"q2\"}]}]"));
    }

    private static JsonNode convert(String openAiRequest) {
        return convert(openAiRequest, "upstream-model");
    }

    private static JsonNode convert(String openAiRequest, String upstreamModel) {
        TranslationContext context = new TranslationContext(upstreamModel, "client-model", false, Optional.empty());
        return Json.parse(OpenAiChatToClaudeRequest.translate(openAiRequest.getBytes(), context));
    }
}
