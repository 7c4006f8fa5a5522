package gproxy.translate.responsesclaude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.translate.TranslationContext;

/** The choices a Responses request meets on its way to a Claude upstream. */
class ResponsesToClaudeRequestTest {

    private static JsonNode convert(String body, String upstreamModel) {
        return Json.parse(new ResponsesToClaudeRequest().translate(body.getBytes(StandardCharsets.UTF_8),
                new TranslationContext(upstreamModel, "client-model", false, Optional.empty())));
    }

    private static JsonNode convert(String body) {
        return convert(body, "claude-sonnet-4-5");
    }

    @Test
    void stateTheResponsesApiKeepsIsRefusedNamingTheField() {
        for (String field : new String[] {"previous_response_id", "conversation"}) {
            assertThatThrownBy(() -> convert("{\"input\":\"hi\",\"" + field + "\":\"resp_1\"}"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).contains(field);
                    });
        }
        assertThatThrownBy(() -> convert("{\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("input[0]");
        assertThatThrownBy(() -> convert("{\"input\":\"hi\",\"background\":true}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("background");
    }

    @Test
    void aPlainStringInputIsOneUserTurnAndMaxTokensDefaultsTo4096() {
        JsonNode out = convert("{\"input\":\"hello\",\"store\":true,\"include\":[\"x\"],\"prompt_cache_key\":\"k\"}");

        assertThat(out).isEqualTo(Json.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":"hello"}]}"""));
    }

    @Test
    void effortBecomesABudgetOnOlderModelsAndAdaptiveThinkingOnNewerOnes() {
        JsonNode older = convert("{\"input\":\"x\",\"reasoning\":{\"effort\":\"high\"}}");
        JsonNode newer = convert("{\"input\":\"x\",\"reasoning\":{\"effort\":\"low\"},\"max_output_tokens\":900}", "claude-opus-4-6");
        JsonNode tooSmall = convert("{\"input\":\"x\",\"reasoning\":{\"effort\":\"high\"},\"max_output_tokens\":900}");

        assertThat(older.path("thinking")).isEqualTo(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":16384}"));
        assertThat(older.path("max_tokens").asLong()).isEqualTo(4096 + 16384);
        assertThat(newer.path("thinking")).isEqualTo(Json.parse("{\"type\":\"adaptive\"}"));
        assertThat(newer.at("/output_config/effort").asText()).isEqualTo("low");
        assertThat(tooSmall.has("thinking")).isFalse();
        assertThatThrownBy(() -> convert("{\"input\":\"x\",\"reasoning\":{\"effort\":\"extreme\"}}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("reasoning.effort");
    }

    @Test
    void aForcedToolWithThinkingOnBecomesAutoAndRequiredIsAny() {
        String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}]";
        JsonNode thinking = convert("{\"input\":\"x\"," + tools + ",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"},"
                + "\"reasoning\":{\"effort\":\"low\"}}");
        JsonNode required = convert("{\"input\":\"x\"," + tools + ",\"tool_choice\":\"required\"}");
        JsonNode builtInOnly = convert("{\"input\":\"x\",\"tools\":[{\"type\":\"web_search\"}],\"tool_choice\":\"required\"}");

        assertThat(thinking.path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"auto\"}"));
        assertThat(required.path("tool_choice")).isEqualTo(Json.parse("{\"type\":\"any\"}"));
        assertThat(builtInOnly.has("tools")).isFalse();
        assertThat(builtInOnly.has("tool_choice")).isFalse();
    }

    @Test
    void jsonModeWithoutASchemaBecomesAnInstruction() {
        JsonNode out = convert("{\"instructions\":\"Be brief.\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_object\"}}}");

        assertThat(out.path("system").asText()).isEqualTo("Be brief.\n\n" + Format.JSON_OBJECT_HINT);
        assertThat(out.has("output_config")).isFalse();
    }

    @Test
    void temperatureIsClampedToClaudesRangeAndTopPGivesWayToIt() {
        JsonNode out = convert("{\"input\":\"x\",\"temperature\":1.6,\"top_p\":0.9}");

        assertThat(out.path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(out.has("top_p")).isFalse();
    }

    @Test
    void aToolOutputAsPartsAndAnIdClaudeWouldRejectStayPaired() {
        JsonNode out = convert("""
                {"input":[{"role":"user","content":"x"},
                  {"type":"function_call","call_id":"functions.get:0","name":"get","arguments":"not json"},
                  {"type":"function_call_output","call_id":"functions.get:0","output":[{"type":"input_text","text":"ok"},
                    {"type":"input_image","image_url":"https://example.com/a.png"}]}]}""");

        assertThat(out.at("/messages/1/content/0/id").asText()).isEqualTo("functions_get_0");
        assertThat(out.at("/messages/1/content/0/input/_raw_arguments").asText()).isEqualTo("not json");
        assertThat(out.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("functions_get_0");
        assertThat(out.at("/messages/2/content/0/content/1/source/url").asText()).isEqualTo("https://example.com/a.png");
    }

    @Test
    void aBodyThatIsNotAnObjectOrHasNoMessagesIsTheClientsError() {
        assertThatThrownBy(() -> convert("[1]")).isInstanceOf(GatewayException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> convert("{\"input\":[{\"type\":\"web_search_call\"}]}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> convert("{\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("input[0].role");
    }
}
