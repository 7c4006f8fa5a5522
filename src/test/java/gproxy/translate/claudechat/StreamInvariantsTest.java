package gproxy.translate.claudechat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Whatever order an OpenAI upstream mixes reasoning, text and sequential tool calls in, the Claude
 * stream keeps Anthropic's shape: message_start first, block indexes 0, 1, 2… each started once,
 * deltas only to the open block, every block stopped before the next starts, message_delta then
 * message_stop last.
 */
class StreamInvariantsTest {

    @RepeatedTest(300)
    void claudeStreamsKeepAnthropicsShape(RepetitionInfo run) {
        Random random = new Random(run.getCurrentRepetition());
        List<SseEvent> upstream = randomOpenAiStream(random);

        List<SseEvent> out = Golden.run(new OpenAiChatToClaudeStream(), upstream);

        List<JsonNode> events = out.stream().filter(SseEvent::dispatchable).map(e -> Json.parse(e.dataText())).toList();
        assertThat(events.getFirst().path("type").asText()).isEqualTo("message_start");
        assertThat(events.getLast().path("type").asText()).isEqualTo("message_stop");
        assertThat(events.get(events.size() - 2).path("type").asText()).isEqualTo("message_delta");
        int open = -1;
        int next = 0;
        for (JsonNode e : events) {
            switch (e.path("type").asText()) {
                case "content_block_start" -> {
                    assertThat(open).as("seed %d: a block is open", run.getCurrentRepetition()).isEqualTo(-1);
                    assertThat(e.path("index").asInt()).isEqualTo(next++);
                    open = e.path("index").asInt();
                }
                case "content_block_delta" -> assertThat(e.path("index").asInt()).isEqualTo(open);
                case "content_block_stop" -> {
                    assertThat(e.path("index").asInt()).isEqualTo(open);
                    open = -1;
                }
                case "message_delta" -> assertThat(open).isEqualTo(-1);
                default -> { }
            }
        }
    }

    @RepeatedTest(300)
    void openAiStreamsNumberToolCallsFromZeroAndEndWithUsageAndDone(RepetitionInfo run) {
        Random random = new Random(run.getCurrentRepetition());
        List<SseEvent> claude = Golden.run(new OpenAiChatToClaudeStream(), randomOpenAiStream(random));

        List<SseEvent> out = Golden.run(StreamsTest.stream(), claude);

        assertThat(out.getLast().dataText()).isEqualTo("[DONE]");
        assertThat(Json.parse(out.get(out.size() - 2).dataText()).path("choices")).isEmpty();
        Set<Integer> seen = new HashSet<>();
        for (SseEvent e : out.subList(0, out.size() - 1)) {
            for (JsonNode call : Json.parse(e.dataText()).path("choices").path(0).path("delta").path("tool_calls")) {
                int index = call.path("index").asInt();
                if (call.has("id")) {
                    assertThat(index).as("seed %d: a new call takes the next index", run.getCurrentRepetition())
                            .isEqualTo(seen.size());
                    seen.add(index);
                }
                assertThat(seen).contains(index);
            }
        }
    }

    /** Reasoning, text and tool calls in random order, each call's arguments in random fragments. */
    private static List<SseEvent> randomOpenAiStream(Random random) {
        List<SseEvent> events = new ArrayList<>();
        int tools = 0;
        for (int i = random.nextInt(12); i >= 0; i--) {
            ObjectNode delta = Json.object();
            switch (random.nextInt(4)) {
                case 0 -> delta.put("reasoning_content", "r" + i);
                case 1 -> delta.put("content", "t" + i);
                case 2 -> {
                    ObjectNode call = delta.putArray("tool_calls").addObject().put("index", tools).put("id", "call_" + tools);
                    call.putObject("function").put("name", "f").put("arguments", "{\"a\":");
                    events.add(chunk(delta, null));
                    delta = Json.object();
                    delta.putArray("tool_calls").addObject().put("index", tools++).putObject("function")
                            .put("arguments", i + "}");
                }
                default -> delta.putArray("reasoning_details").addObject().put("type", "reasoning.text")
                        .put("signature", "s" + i);
            }
            events.add(chunk(delta, null));
        }
        events.add(chunk(Json.object(), tools > 0 ? "tool_calls" : "stop"));
        events.add(SseEvent.data("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}"));
        events.add(SseEvent.data("[DONE]"));
        return events;
    }

    private static SseEvent chunk(ObjectNode delta, String finish) {
        ObjectNode chunk = Json.object().put("id", "c").put("model", "m");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finish);
        return SseEvent.data(Json.text(chunk));
    }
}
