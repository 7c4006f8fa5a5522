package gproxy.translate.responsesclaude;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/** How an answer ended, carried in each direction for whole answers. */
class StopReasonsTest {

    @ParameterizedTest
    @CsvSource({"end_turn,completed,", "stop_sequence,completed,", "tool_use,completed,", "pause_turn,completed,",
            "max_tokens,incomplete,max_output_tokens", "model_context_window_exceeded,incomplete,max_output_tokens",
            "refusal,incomplete,content_filter"})
    void aClaudeStopReasonIsAResponsesStatus(String stopReason, String status, String incompleteReason) {
        JsonNode response = Json.parse(Contexts.responsesClientAnswer(Json.bytes(Json.parse(
                "{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"stop_reason\":\"" + stopReason + "\","
                        + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"))));

        assertThat(response.path("status").asText()).isEqualTo(status);
        assertThat(response.at("/incomplete_details/reason").asText(null)).isEqualTo(incompleteReason);
        assertThat(response.at("/output/0/status").asText()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"completed,,output_text,end_turn", "completed,,refusal,refusal", "incomplete,max_output_tokens,output_text,max_tokens",
            "incomplete,content_filter,output_text,refusal"})
    void aResponsesStatusIsAClaudeStopReason(String status, String reason, String partType, String stopReason) {
        String details = reason == null ? "null" : "{\"reason\":\"" + reason + "\"}";
        String part = partType.equals("refusal") ? "{\"type\":\"refusal\",\"refusal\":\"no\"}" : "{\"type\":\"output_text\",\"text\":\"x\"}";
        JsonNode message = Json.parse(Contexts.claudeClientAnswer(Json.bytes(Json.parse("{\"id\":\"resp_1\",\"status\":\"" + status
                + "\",\"incomplete_details\":" + details + ",\"output\":[{\"type\":\"message\",\"content\":[" + part + "]}]}"))));

        assertThat(message.path("stop_reason").asText()).isEqualTo(stopReason);
        assertThat(message.at("/content/0/text").asText()).isIn("x", "no");
    }

    @ParameterizedTest
    @CsvSource({"response.completed,completed,end_turn", "response.incomplete,incomplete,max_tokens"})
    void aStreamedResponsesEndIsTheClaudeStopReason(String type, String status, String stopReason) {
        List<SseEvent> out = Contexts.claudeClientStream(List.of(SseEvent.of(type, "{\"type\":\"" + type
                + "\",\"response\":{\"id\":\"resp_1\",\"status\":\"" + status + "\",\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}}")));

        assertThat(Fold.claudeMessage(out).path("stop_reason").asText()).isEqualTo(stopReason);
        assertThat(Fold.claudeMessage(out).at("/usage/input_tokens").asLong()).isEqualTo(3);
    }
}
