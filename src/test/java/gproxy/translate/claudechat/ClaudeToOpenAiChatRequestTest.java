package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.CACHE_MARKERS;
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
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

class ClaudeToOpenAiChatRequestTest {
    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"secret words\"}]";

    @ParameterizedTest
    @CsvSource({"1024, low", "2048, low", "4096, medium", "8192, medium", "16000, high", "64000, high"})
    void thinkingBudgetBecomesAnEffortLevel(int budget, String effort) {
        JsonNode out = convert("{\"max_tokens\":100000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":" + budget
                + "}," + HELLO + "}");

        assertThat(out.path("reasoning_effort").asText()).isEqualTo(effort);
    }

    @ParameterizedTest
    @CsvSource({"low, low", "medium, medium", "high, high", "xhigh, xhigh", "max, xhigh"})
    void adaptiveThinkingKeepsItsEffort(String claude, String openAi) {
        JsonNode out = convert("{\"thinking\":{\"type\":\"adaptive\"},\"output_config\":{\"effort\":\"" + claude + "\"},"
                + HELLO + "}");

        assertThat(out.path("reasoning_effort").asText()).isEqualTo(openAi);
    }

    @Test
    void noReasoningEffortUnlessThinkingOrEffortWasAsked() {
        assertThat(convert("{" + HELLO + "}").has("reasoning_effort")).isFalse();
        assertThat(convert("{\"thinking\":{\"type\":\"disabled\"}," + HELLO + "}").has("reasoning_effort")).isFalse();
        // Adaptive without an effort: the upstream's default, and no 400 from non-reasoning models.
        assertThat(convert("{\"thinking\":{\"type\":\"adaptive\"}," + HELLO + "}").has("reasoning_effort")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"auto\"}|\"auto\"",
        "{\"type\":\"any\"}|\"required\"",
        "{\"type\":\"none\"}|\"none\"",
        "{\"type\":\"tool\",\"name\":\"f\"}|{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"})
    void toolChoiceMapsEveryMode(String claude, String openAi) {
        JsonNode out = convert("{\"tools\":[{\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":"
                + claude + "," + HELLO + "}");

        assertThat(out.path("tool_choice")).isEqualTo(Json.parse(openAi));
        assertThat(out.has("parallel_tool_calls")).isFalse();
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOLS, verdict = DROPPED,
            note = "a request with only Anthropic server tools sends no tools and no tool_choice")
    @Test
    void serverToolsAloneLeaveNoToolsAndNoToolChoice() {
        JsonNode out = convert("{\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}],"
                + "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}," + HELLO + "}");

        assertThat(out.has("tools")).isFalse();
        assertThat(out.has("tool_choice")).isFalse();
        assertThat(out.has("parallel_tool_calls")).isFalse();
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "output_config.format / output_format json_schema -> response_format json_schema (not strict:"
                    + " OpenAI's strict mode needs every property required); the JSON comes back as text")
    @Test
    void claudeOutputFormatBecomesResponseFormat() {
        String schema = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";

        JsonNode ga = convert("{\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}},"
                + HELLO + "}");
        JsonNode beta = convert("{\"output_format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}," + HELLO + "}");

        JsonNode expected = Json.parse("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"output\",\"schema\":"
                + schema + "}}");
        assertThat(ga.path("response_format")).isEqualTo(expected);
        assertThat(beta.path("response_format")).isEqualTo(expected);
    }

    @Test
    void atMostFourStopSequencesGoToOpenAi() {
        JsonNode out = convert("{\"stop_sequences\":[\"a\",\"b\",\"\",\"c\",\"d\",\"e\"]," + HELLO + "}");

        assertThat(out.path("stop")).isEqualTo(Json.parse("[\"a\",\"b\",\"c\",\"d\"]"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = CACHE_MARKERS, verdict = DROPPED,
            note = "the derived prompt_cache_key ignores cache_control and later turns, so it is stable per conversation")
    @Test
    void derivedPromptCacheKeyStaysTheSameAsTurnsAreAppendedAndMarkersMove() {
        String system = "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\"}]";
        String first = "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"%s}]}";
        JsonNode turn1 = convert("{" + system + ",\"messages\":[" + first.formatted(",\"cache_control\":{\"type\":\"ephemeral\"}")
                + "]}");
        JsonNode turn2 = convert("{" + system + ",\"messages\":[" + first.formatted("")
                + ",{\"role\":\"assistant\",\"content\":\"hello\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"more\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}");
        JsonNode other = convert("{\"system\":\"Be long.\",\"messages\":[" + first.formatted("") + "]}");

        assertThat(turn1.path("prompt_cache_key").asText()).startsWith("gproxy-")
                .isEqualTo(turn2.path("prompt_cache_key").asText())
                .isNotEqualTo(other.path("prompt_cache_key").asText());
        assertThat(turn2.toString()).doesNotContain("cache_control");
    }

    @Test
    void contextPromptCacheKeyWins() {
        TranslationContext context = new TranslationContext("m", "c", false, Optional.of("claude-code-session"));

        JsonNode out = Json.parse(ClaudeToOpenAiChatRequest.translate(("{" + HELLO + "}").getBytes(), context));

        assertThat(out.path("prompt_cache_key").asText()).isEqualTo("claude-code-session");
    }

    @Test
    void aStreamAsksForUsageAndANonStreamAsksForNothing() {
        JsonNode streamed = convert("{\"stream\":true," + HELLO + "}");
        JsonNode whole = convert("{" + HELLO + "}");

        assertThat(streamed.path("stream_options")).isEqualTo(Json.parse("{\"include_usage\":true}"));
        assertThat(whole.has("stream")).isFalse();
        assertThat(whole.has("stream_options")).isFalse();
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = IMAGES, verdict = DROPPED,
            note = "Files API sources (file_id) and PDF URLs have no OpenAI Chat form and are dropped;"
                    + " text documents become text parts")
    @Test
    void documentsWithoutAnOpenAiFormAreDroppedAndTextDocumentsBecomeText() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"plain\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"url\",\"url\":\"https://x/y.pdf\"}},"
                + "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_1\"}},"
                + "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\",\"data\":\"JVBE\"}}]}]}");

        assertThat(out.path("messages").path(0).path("content")).isEqualTo(Json.parse("[{\"type\":\"text\",\"text\":\"plain\"},"
                + "{\"type\":\"file\",\"file\":{\"filename\":\"document.pdf\",\"file_data\":\"data:application/pdf;base64,JVBE\"}}]"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = THINKING, verdict = APPROXIMATED,
            note = "an assistant turn holding only thinking is left out (OpenAI needs content or tool_calls)")
    @Test
    void assistantTurnWithOnlyThinkingIsLeftOut() {
        JsonNode out = convert("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}]},{\"role\":\"user\",\"content\":\"q2\"}]}");

        assertThat(out.path("messages").findValuesAsText("role")).containsExactly("user", "user");
    }

    @Test
    void serviceTierMapsWhereOpenAiHasOne() {
        assertThat(convert("{\"service_tier\":\"standard_only\"," + HELLO + "}").path("service_tier").asText())
                .isEqualTo("default");
        assertThat(convert("{\"service_tier\":\"auto\"," + HELLO + "}").path("service_tier").asText()).isEqualTo("auto");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = "errors", verdict = SUPPORTED,
            note = "a malformed client body is a 400 naming the field, never echoing content")
    @Test
    void malformedRequestsAre400sNamingTheFieldWithoutEchoingContent() {
        assertThatThrownBy(() -> convert("[1]")).isInstanceOf(GatewayException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> convert("{\"system\":\"secret words\"}")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages").satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> convert("{\"messages\":[{\"role\":\"system\",\"content\":\"secret words\"}]}"))
                .hasMessageContaining("messages[0].role").hasMessageNotContaining("secret");
    }

    @Test
    void unknownBlockTypesAndFieldsNeverCrash() {
        ObjectNode out = (ObjectNode) convert("{\"future_field\":{\"x\":1},\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"hologram\",\"data\":1},{\"type\":\"text\",\"text\":\"ok\"}]},{\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{}},"
                + "{\"type\":\"text\",\"text\":\"fine\"}]}]}");

        assertThat(out.has("future_field")).isFalse();
        assertThat(out.path("messages").path(0).path("content")).isEqualTo(Json.parse("[{\"type\":\"text\",\"text\":\"ok\"}]"));
        assertThat(out.path("messages").path(1).path("content").asText()).isEqualTo("fine");
    }

    private static JsonNode convert(String claudeRequest) {
        return Json.parse(ClaudeToOpenAiChatRequest.translate(claudeRequest.getBytes(), Golden.context()));
    }
}
