package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.SYSTEM;
import static gproxy.translate.Conformance.TEXT;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

/**
 * Property-style round trips over generated conversations (seeded, so a failure names its seed):
 * Claude → OpenAI → Claude and OpenAI → Claude → OpenAI keep system, text, tools, tool calls and
 * results; and a Claude signature survives an OpenAI client's history.
 */
class RoundTripTest {
    private static final TranslationContext CONTEXT = new TranslationContext("claude-x", "client-model", false,
            Optional.empty());

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TEXT, verdict = SUPPORTED,
            note = "generated conversations: Claude -> OpenAI -> Claude keeps every text, in order")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOLS, verdict = SUPPORTED,
            note = "generated conversations: tools, tool_use ids/inputs and tool_result pairing survive the round trip")
    @RepeatedTest(200)
    void claudeRequestsSurviveARoundTripThroughOpenAi(RepetitionInfo run) {
        ObjectNode claude = Generate.claudeRequest(new Random(run.getCurrentRepetition()));

        byte[] openAi = ClaudeToOpenAiChatRequest.translate(Json.bytes(claude), CONTEXT);
        JsonNode back = Json.parse(OpenAiChatToClaudeRequest.translate(openAi, CONTEXT));

        assertThat(Generate.normal(back)).as("seed %d", run.getCurrentRepetition()).isEqualTo(Generate.normal(claude));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TEXT, verdict = SUPPORTED,
            note = "generated conversations: OpenAI -> Claude -> OpenAI keeps every text, in order")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = SYSTEM, verdict = SUPPORTED,
            note = "a leading system message survives the round trip")
    @RepeatedTest(200)
    void openAiRequestsSurviveARoundTripThroughClaude(RepetitionInfo run) {
        ObjectNode claude = Generate.claudeRequest(new Random(1000 + run.getCurrentRepetition()));
        JsonNode openAi = Json.parse(ClaudeToOpenAiChatRequest.translate(Json.bytes(claude), CONTEXT));

        byte[] viaClaude = OpenAiChatToClaudeRequest.translate(Json.bytes(openAi), CONTEXT);
        JsonNode back = Json.parse(ClaudeToOpenAiChatRequest.translate(viaClaude, CONTEXT));

        ObjectNode expected = openAi.deepCopy();
        ObjectNode actual = back.deepCopy();
        expected.remove("prompt_cache_key");
        actual.remove("prompt_cache_key");
        assertThat(actual).as("seed %d", 1000 + run.getCurrentRepetition()).isEqualTo(expected);
    }

    @Test
    void theGeneratedConversationsCoverWhatTheRoundTripsClaim() {
        String all = java.util.stream.IntStream.rangeClosed(1, 200)
                .mapToObj(seed -> Generate.claudeRequest(new Random(seed)).toString()).reduce("", String::concat);

        assertThat(all).contains("\"tool_use\"", "\"tool_result\"", "\"image\"", "\"url\"", "\"base64\"",
                "\"system\"", "\"tools\"");
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = SUPPORTED,
            note = "a Claude signature returned to an OpenAI client (whole or streamed) comes back as the same"
                    + " thinking block, ahead of the tool_use, when the client replays its history")
    @Test
    void aSignatureReturnedToAnOpenAiClientComesBackWhenTheHistoryIsReplayed() {
        String claudeAnswer = "{\"id\":\"m\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Look it up.\",\"signature\":"
                + "\"sig-42\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"q\":1}}],"
                + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
        JsonNode whole = Json.parse(new ClaudeToOpenAiChatResponse(() -> 0).translate(claudeAnswer.getBytes(), CONTEXT))
                .path("choices").path(0).path("message");
        JsonNode streamed = Accumulate.openAiCompletion(Golden.run(StreamsTest.stream(), claudeEvents(claudeAnswer)))
                .path("choices").path(0).path("message");

        for (JsonNode assistant : List.of(whole, streamed)) {
            ArrayNode messages = Nodes.newArray();
            messages.addObject().put("role", "user").put("content", "q");
            messages.add(assistant);
            messages.addObject().put("role", "tool").put("tool_call_id", "toolu_1").put("content", "r");
            ObjectNode replay = Json.object();
            replay.set("messages", messages);

            JsonNode claude = Json.parse(OpenAiChatToClaudeRequest.translate(Json.bytes(replay), CONTEXT));

            assertThat(claude.path("messages").path(1).path("content")).isEqualTo(Json.parse("[{\"type\":\"thinking\","
                    + "\"thinking\":\"Look it up.\",\"signature\":\"sig-42\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\","
                    + "\"name\":\"f\",\"input\":{\"q\":1}}]"));
        }
    }

    /** The stream Claude would have sent for a whole message. */
    private static List<SseEvent> claudeEvents(String message) {
        JsonNode m = Json.parse(message);
        List<SseEvent> events = new java.util.ArrayList<>();
        events.add(SseEvent.of("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":"
                + "{\"input_tokens\":1,\"output_tokens\":1}}}"));
        int i = 0;
        for (JsonNode block : m.path("content")) {
            ObjectNode start = block.deepCopy();
            if (start.has("signature")) {
                start.put("thinking", "").put("signature", "");
            }
            if (start.has("input")) {
                start.putObject("input");
            }
            events.add(SseEvent.of("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + i
                    + ",\"content_block\":" + start + "}"));
            if (block.has("signature")) {
                events.add(delta(i, "{\"type\":\"thinking_delta\",\"thinking\":" + block.path("thinking") + "}"));
                events.add(delta(i, "{\"type\":\"signature_delta\",\"signature\":" + block.path("signature") + "}"));
            }
            if (block.has("input")) {
                events.add(delta(i, "{\"type\":\"input_json_delta\",\"partial_json\":"
                        + Json.text(Json.MAPPER.getNodeFactory().textNode(block.path("input").toString())) + "}"));
            }
            events.add(SseEvent.of("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + i++ + "}"));
        }
        events.add(SseEvent.of("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
                + "\"usage\":{\"output_tokens\":1}}"));
        events.add(SseEvent.of("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    private static SseEvent delta(int index, String delta) {
        return SseEvent.of("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":"
                + delta + "}");
    }
}
