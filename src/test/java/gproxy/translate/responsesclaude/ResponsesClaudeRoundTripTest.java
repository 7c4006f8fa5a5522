package gproxy.translate.responsesclaude;

import static gproxy.translate.golden.Golden.assertSameJson;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.sse;
import static gproxy.translate.responsesclaude.Contexts.CLAUDE_TO_RESPONSES;
import static gproxy.translate.responsesclaude.Contexts.RESPONSES_TO_CLAUDE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** What survives a trip through the other dialect and back: signatures, a lossless request, usage. */
class ResponsesClaudeRoundTripTest {

    @Test
    void claudeSignaturesSurviveAResponsesClientsNextTurn() {
        JsonNode claudeAnswer = Json.parse(bytes(RESPONSES_TO_CLAUDE + "response-tools.upstream.json"));
        JsonNode output = Json.parse(Contexts.responsesClientAnswer(Json.bytes(claudeAnswer))).path("output");
        ObjectNode next = Json.object().put("model", "m");
        ArrayNode input = next.putArray("input");
        input.addObject().put("role", "user").put("content", "weather?");
        output.forEach(input::add); // a Responses client with store: false sends the output back as it came
        input.addObject().put("type", "function_call_output").put("call_id", "toolu_01").put("output", "18C");
        input.addObject().put("type", "function_call_output").put("call_id", "toolu_02").put("output", "24C");

        JsonNode claudeRequest = Json.parse(new ResponsesToClaudeRequest().translate(Json.bytes(next), Contexts.toClaude(false)));

        JsonNode assistant = claudeRequest.at("/messages/1/content");
        assertThat(assistant.get(0)).isEqualTo(claudeAnswer.at("/content/0"));
        assertThat(assistant.get(1)).isEqualTo(claudeAnswer.at("/content/1"));
        assertThat(assistant.findValuesAsText("id")).containsExactly("toolu_01", "toolu_02");
        assertThat(claudeRequest.at("/messages/2/content").findValuesAsText("tool_use_id")).containsExactly("toolu_01", "toolu_02");
    }

    @Test
    void responsesReasoningItemsSurviveAClaudeClientsNextTurnStreamedOrNot() {
        JsonNode whole = Json.parse(bytes(CLAUDE_TO_RESPONSES + "response-tools.upstream.json"));
        JsonNode streamed = data(sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse")).getLast().path("response");
        for (JsonNode answer : new JsonNode[] {whole, streamed}) {
            JsonNode message = answer == whole ? Json.parse(Contexts.claudeClientAnswer(Json.bytes(answer)))
                    : Fold.claudeMessage(Contexts.claudeClientStream(sse(CLAUDE_TO_RESPONSES + "stream-tools.upstream.sse")));
            ObjectNode next = Json.object().put("model", "gpt-5").put("max_tokens", 100);
            ArrayNode messages = next.putArray("messages");
            messages.addObject().put("role", "user").put("content", "weather?");
            messages.addObject().put("role", "assistant").set("content", message.path("content"));

            JsonNode responses = Json.parse(ClaudeToResponsesRequest.translate(Json.bytes(next), Contexts.toResponses(false)));

            JsonNode reasoning = responses.at("/input/1");
            JsonNode original = answer.path("output").get(0);
            assertThat(reasoning.path("type").asText()).isEqualTo("reasoning");
            assertThat(reasoning.path("id")).isEqualTo(original.path("id"));
            assertThat(reasoning.path("encrypted_content")).isEqualTo(original.path("encrypted_content"));
        }
    }

    @Test
    void aClaudeRequestThroughResponsesAndBackIsTheSameRequest() {
        JsonNode claude = Json.parse("""
                {"model":"claude-sonnet-4-5","max_tokens":512,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Weather in Paris?"},
                   {"role":"assistant","content":[{"type":"text","text":"Checking."},
                     {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                     {"type":"text","text":"And tomorrow?"}]}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "tool_choice":{"type":"tool","name":"get_weather"},"temperature":0.5}""");

        byte[] responses = ClaudeToResponsesRequest.translate(Json.bytes(claude), Contexts.toResponses(false));
        JsonNode back = Json.parse(new ResponsesToClaudeRequest().translate(responses, Contexts.toClaude(false)));

        assertSameJson(back, claude);
    }

    @Test
    void usageSurvivesBothDialectsTokenForToken() {
        Random random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            Tokens tokens = new Tokens(random.nextInt(1_000_000), random.nextInt(100_000), random.nextInt(100_000),
                    random.nextInt(50_000), 0);
            assertThat(Tokens.fromResponses(tokens.toResponses())).isEqualTo(tokens);
            assertThat(Tokens.fromClaude(tokens.toClaude())).isEqualTo(tokens);
            assertThat(tokens.toResponses().path("total_tokens").asLong()).isEqualTo(tokens.totalTokens());
        }
    }
}
