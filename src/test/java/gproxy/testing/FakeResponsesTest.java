package gproxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.JsonArrayReader;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;

/** Each vendor shape, read back over HTTP the way a client would. */
@Timeout(30)
class FakeResponsesTest {
    private static final List<String> DELTAS = List.of("Hel", "lo ", "wörld \"!\"");
    private static final Usage USAGE = new Usage(120, 30, 20);

    private final FakeUpstream upstream = FakeUpstream.start();
    private final TestClient client = new TestClient();

    @AfterEach
    void noConnectionOrThreadOutlivesTheTest() {
        client.close();
        upstream.close();
    }

    @Test
    void openAiChatIsAChatCompletionWithUsage() {
        JsonNode body = json(FakeResponses.openAiChat("hi there", USAGE));

        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("hi there");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(120);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(30);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(150);
        assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(20);
    }

    @Test
    void openAiChatStreamEndsWithAUsageChunkAndDone() throws IOException {
        List<SseEvent> events = sse(FakeResponses.openAiChatStream(DELTAS, USAGE));

        assertThat(events.getLast().dataText()).isEqualTo("[DONE]");
        JsonNode usageChunk = Json.parse(events.get(events.size() - 2).dataText());
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(150);
        List<JsonNode> chunks = events.subList(0, events.size() - 2).stream().map(e -> Json.parse(e.dataText())).toList();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("usage").isNull()).isTrue();
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(text(chunks, "/choices/0/delta/content")).isEqualTo("Hello wörld \"!\"");
    }

    @Test
    void openAiChatStreamWithoutUsageHasNoUsageAnywhere() throws IOException {
        List<SseEvent> events = sse(FakeResponses.openAiChatStream(DELTAS));

        assertThat(events).hasSize(DELTAS.size() + 3);
        assertThat(events).allSatisfy(e -> assertThat(e.dataText()).doesNotContain("usage"));
        assertThat(events.getLast().dataText()).isEqualTo("[DONE]");
    }

    @Test
    void openAiResponsesIsACompletedResponseWithUsage() {
        JsonNode body = json(FakeResponses.openAiResponses("hi", USAGE));

        assertThat(body.get("object").asText()).isEqualTo("response");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("hi");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(120);
        assertThat(body.at("/usage/input_tokens_details/cached_tokens").asInt()).isEqualTo(20);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(30);
    }

    @Test
    void openAiResponsesStreamIsNumberedAndEndsWithResponseCompleted() throws IOException {
        List<SseEvent> events = sse(FakeResponses.openAiResponsesStream(DELTAS, USAGE));
        List<JsonNode> data = events.stream().map(e -> Json.parse(e.dataText())).toList();

        assertThat(events).extracting(SseEvent::type).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(data).extracting(d -> d.get("type").asText()).isEqualTo(events.stream().map(SseEvent::type).toList());
        assertThat(data).extracting(d -> d.get("sequence_number").asInt())
                .isEqualTo(IntStream.range(0, events.size()).boxed().toList());
        assertThat(text(data.subList(4, 7), "/delta")).isEqualTo("Hello wörld \"!\"");
        assertThat(data.getLast().at("/response/usage/total_tokens").asInt()).isEqualTo(150);
        assertThat(data.getFirst().at("/response/status").asText()).isEqualTo("in_progress");
    }

    @Test
    void claudeMessageReportsCachedInputBesideTheUncachedInput() {
        JsonNode body = json(FakeResponses.claudeMessage("hi", USAGE));

        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("hi");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(100);
        assertThat(body.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(20);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(30);
    }

    @Test
    void claudeStreamFollowsTheMessagesEventOrder() throws IOException {
        List<SseEvent> events = sse(FakeResponses.claudeStream(DELTAS, USAGE));
        List<JsonNode> data = events.stream().map(e -> Json.parse(e.dataText())).toList();

        assertThat(events).extracting(SseEvent::type).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        assertThat(data).extracting(d -> d.get("type").asText()).isEqualTo(events.stream().map(SseEvent::type).toList());
        assertThat(data.getFirst().at("/message/usage/input_tokens").asInt()).isEqualTo(100);
        assertThat(data.get(7).at("/usage/output_tokens").asInt()).isEqualTo(30);
        assertThat(data.get(7).at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(text(data.subList(3, 6), "/delta/text")).isEqualTo("Hello wörld \"!\"");
    }

    @Test
    void claudeStreamErrorsAreErrorEvents() {
        JsonNode error = Json.parse(FakeResponses.claudeStreamError(529, "Overloaded").dataText());

        assertThat(error.at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(FakeResponses.claudeStreamError(529, "x").type()).isEqualTo("error");
    }

    @Test
    void geminiGenerateCarriesCandidatesAndUsageMetadata() {
        JsonNode body = json(FakeResponses.geminiGenerate("hi", USAGE));

        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("hi");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(120);
        assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(30);
        assertThat(body.at("/usageMetadata/cachedContentTokenCount").asInt()).isEqualTo(20);
    }

    @Test
    void geminiSseStreamIsFramedWithCrlfAndEndsWithTheFullUsage() throws IOException {
        List<SseEvent> events = sse(FakeResponses.geminiStream(DELTAS, USAGE));
        List<JsonNode> data = events.stream().map(e -> Json.parse(e.dataText())).toList();

        assertThat(events).allSatisfy(e -> assertThat(e.rawText()).startsWith("data: {").endsWith("}\r\n\r\n"));
        assertThat(text(data, "/candidates/0/content/parts/0/text")).isEqualTo("Hello wörld \"!\"");
        assertThat(data.getLast().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(data.getLast().at("/usageMetadata/totalTokenCount").asInt()).isEqualTo(150);
        assertThat(data.getFirst().at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(120);
    }

    @Test
    void geminiJsonArrayStreamIsOneArrayReadableElementByElement() throws IOException {
        upstream.enqueue(FakeResponses.geminiStreamJsonArray(DELTAS, USAGE));

        InputStream body = client.stream(upstream.url("/v1beta/models/m:streamGenerateContent")).body();
        byte[] bytes = body.readAllBytes();

        assertThat(Json.parse(bytes).size()).isEqualTo(3);
        List<JsonNode> elements = new ArrayList<>();
        try (JsonArrayReader reader = new JsonArrayReader(new ByteArrayInputStream(bytes))) {
            for (Optional<byte[]> e = reader.next(); e.isPresent(); e = reader.next()) {
                elements.add(Json.parse(e.get()));
            }
        }
        assertThat(text(elements, "/candidates/0/content/parts/0/text")).isEqualTo("Hello wörld \"!\"");
    }

    @Test
    void errorBodiesSpeakEachVendorsEnvelope() {
        JsonNode openAi = json(FakeResponses.openAiError(429, "Rate limit reached"));
        JsonNode claude = json(FakeResponses.claudeError(429, "Rate limited"));
        JsonNode gemini = json(FakeResponses.geminiError(429, "Quota exceeded"));

        assertThat(openAi.at("/error/message").asText()).isEqualTo("Rate limit reached");
        assertThat(openAi.at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(openAi.at("/error/param").isNull()).isTrue();
        assertThat(claude.get("type").asText()).isEqualTo("error");
        assertThat(claude.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(gemini.at("/error/code").asInt()).isEqualTo(429);
        assertThat(gemini.at("/error/status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(json(FakeResponses.openAiError(401, "bad key")).at("/error/code").asText()).isEqualTo("invalid_api_key");
    }

    private JsonNode json(FakeResponse response) {
        upstream.enqueue(response);
        var http = client.get(upstream.url("/x"));
        assertThat(http.statusCode()).isEqualTo(response.status());
        assertThat(http.headers().firstValue("content-type")).contains("application/json");
        return Json.parse(http.body());
    }

    private List<SseEvent> sse(FakeResponse response) throws IOException {
        upstream.enqueue(response);
        var http = client.stream(upstream.url("/x"));
        assertThat(http.headers().firstValue("content-type")).contains("text/event-stream");
        assertThat(http.headers().firstValue("transfer-encoding")).contains("chunked");
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(http.body())) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(e.get());
            }
            assertThat(reader.truncated()).isFalse();
        }
        return events;
    }

    private static String text(List<JsonNode> nodes, String pointer) {
        return nodes.stream().map(n -> n.at(pointer).asText()).reduce("", String::concat);
    }
}
