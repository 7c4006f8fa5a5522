package gproxy.translate.responseschat;

import static gproxy.translate.golden.Golden.assertSameJson;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.json;
import static gproxy.translate.golden.Golden.run;
import static gproxy.translate.golden.Golden.sse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.TranslationContext;

/** Chat → Responses → Chat loses nothing Chat can say: request, answer and stream come back the same. */
class ResponsesChatRoundTripTest {

    @Test
    void aChatRequestThroughResponsesAndBackIsTheSameRequest() {
        String fixture = "openai-chat-to-responses/roundtrip-conversation.chat.json";
        byte[] responses = new OpenAiChatToResponsesRequest().translate(bytes(fixture), Contexts.toResponses(false));
        byte[] back = new ResponsesToOpenAiChatRequest().translate(responses, new TranslationContext("gpt-4.1-mini", "x", false, Optional.empty()));
        assertSameJson(Json.parse(back), json(fixture));
    }

    @Test
    void aChatAnswerThroughResponsesAndBackIsTheSameAnswer() {
        String fixture = "responses-to-openai-chat/response-tools.chat.json";
        byte[] responses = new OpenAiChatToResponsesResponse().translate(bytes(fixture), Contexts.toChat(false));
        JsonNode back = Json.parse(new ResponsesToOpenAiChatResponse().translate(responses,
                new TranslationContext("x", "gpt-4.1-mini", false, Optional.empty())));
        ObjectNode expected = (ObjectNode) json(fixture);
        ((ObjectNode) expected.at("/choices/0")).putNull("logprobs");
        assertSameJson(back, expected);
    }

    @Test
    void aChatStreamThroughResponsesEventsAndBackSaysTheSameAndReportsTheSameUsage() {
        for (String fixture : List.of("stream-tools.chat.sse", "stream-text.chat.sse")) {
            List<SseEvent> upstream = sse("responses-to-openai-chat/" + fixture);
            List<SseEvent> responses = run(ResponsesChat.clientResponses().streamConverter().get(), upstream);
            List<SseEvent> back = run(ResponsesChat.clientOpenAiChat().streamConverter().get(), responses);
            assertSameJson(said(back), said(upstream));
            assertThat(back.getLast().dataText()).isEqualTo("[DONE]");
        }
    }

    /** What a stream said, folded: text, reasoning, tool calls by index, finish reason, usage. */
    private static JsonNode said(List<SseEvent> chunks) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ObjectNode calls = Json.object();
        ObjectNode out = Json.object();
        for (JsonNode chunk : data(chunks)) {
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode delta = choice.path("delta");
            text.append(delta.path("content").asText(""));
            reasoning.append(delta.path("reasoning_content").asText(""));
            for (JsonNode call : delta.path("tool_calls")) {
                ObjectNode c = calls.has(call.get("index").asText()) ? (ObjectNode) calls.get(call.get("index").asText())
                        : calls.putObject(call.get("index").asText()).put("arguments", "");
                Optional.ofNullable(call.get("id")).ifPresent(id -> c.set("id", id));
                Optional.ofNullable(call.at("/function/name").textValue()).ifPresent(n -> c.put("name", n));
                c.put("arguments", c.get("arguments").asText() + call.at("/function/arguments").asText(""));
            }
            if (choice.path("finish_reason").isTextual()) {
                out.set("finish_reason", choice.get("finish_reason"));
            }
            if (chunk.path("usage").isObject()) {
                out.set("usage", ResponsesUsage.toChat(ResponsesUsage.toResponses(chunk.get("usage"))));
            }
        }
        out.put("text", text.toString()).put("reasoning", reasoning.toString()).set("calls", calls);
        return out;
    }

    @Test
    void usageSurvivesBothDialectsTokenForToken() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1_000; i++) {
            long input = random.nextInt(1_000_000);
            long output = random.nextInt(100_000);
            ObjectNode chat = Json.object().put("prompt_tokens", input).put("completion_tokens", output).put("total_tokens", input + output);
            chat.putObject("prompt_tokens_details").put("cached_tokens", random.nextLong(input + 1));
            chat.putObject("completion_tokens_details").put("reasoning_tokens", random.nextLong(output + 1));
            assertSameJson(ResponsesUsage.toChat(ResponsesUsage.toResponses(chat)), chat);
        }
    }
}
