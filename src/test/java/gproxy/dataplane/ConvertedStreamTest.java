package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.protocol.SseReader;
import gproxy.store.Row;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.SettledUsage;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A converted stream as the client sees it: the model is named as the client named it (a route
 * here, as the converted whole answers do), and an OpenAI Chat client gets the usage chunk only
 * when it asked for it — while billing still reads the upstream's usage.
 */
class ConvertedStreamTest {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static FakeUpstream claude;
    private static FakeUpstream openai;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        gw = TestGateway.start();
        long anthropic = gw.provider("anthropic", "claudeapi", claude.url());
        gw.credential(anthropic, "sk-ant");
        long oai = gw.provider("oai", "openai", openai.url());
        gw.credential(oai, "sk-oai");
        gw.routeMember(gw.route("house-claude", "failover", "{}"), anthropic, FakeResponses.CLAUDE_MODEL, 0, 100);
        gw.routeMember(gw.route("house-gpt", "failover", "{}"), oai, FakeResponses.OPENAI_MODEL, 0, 100);
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openai.close();
    }

    @AfterEach
    void nothingIsLeftOpen() {
        Leaks.assertNoneInFlight(gw, claude, openai);
        assertThat(gw.gateway().settlements().openSettlements()).isZero();
    }

    @Test
    void aChatClientSeesTheRouteNameItAskedForInEveryChunkOfAClaudeStream() {
        claude.enqueue(FakeResponses.claudeStream(List.of("one ", "two"), Usage.of(9, 2)));
        HttpResponse<String> res = gw.post(chat(gw.userKey("chat-model")),
                "{\"model\":\"house-claude\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> chunks = jsonEvents(res.body());
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.path("model").asText()).isEqualTo("house-claude"));
        assertThat(res.body()).doesNotContain(FakeResponses.CLAUDE_MODEL).endsWith("data: [DONE]\n\n");
    }

    @Test
    void aChatClientThatDidNotAskForUsageGetsNoUsageChunkYetTheUsageRowHasTheUpstreamsTokens() {
        TestGateway.User user = gw.user("chat-no-usage-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeStream(List.of("one ", "two"), Usage.of(9, 2)));
        HttpResponse<String> res = gw.post(chat(user.key()),
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"count\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"content\":\"two\"", "\"finish_reason\":\"stop\"")
                .doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(9);
        assertThat(usage.longValue("output_tokens")).isEqualTo(2);
    }

    @Test
    void aChatClientThatAskedForUsageGetsTheUsageChunkWithTheUpstreamsTokens() {
        TestGateway.User user = gw.user("chat-usage-" + USERS.incrementAndGet());
        claude.enqueue(FakeResponses.claudeStream(List.of("one ", "two"), Usage.of(9, 2)));
        HttpResponse<String> res = gw.post(chat(user.key()),
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode usageChunk = jsonEvents(res.body()).stream().filter(c -> c.path("usage").isObject()).findFirst()
                .orElseThrow(() -> new AssertionError("no usage chunk in " + res.body()));
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.at("/usage/prompt_tokens").asLong()).isEqualTo(9);
        assertThat(usageChunk.at("/usage/completion_tokens").asLong()).isEqualTo(2);
        Row usage = awaitUsage(user);
        assertThat(usage.longValue("input_tokens")).isEqualTo(9);
        assertThat(usage.longValue("output_tokens")).isEqualTo(2);
    }

    @Test
    void aResponsesClientSeesTheRouteNameItAskedForInTheResponseEvents() {
        claude.enqueue(FakeResponses.claudeStream(List.of("hello"), Usage.of(4, 1)));
        HttpResponse<String> res = gw.post(gw.request("/v1/responses").header("Authorization", "Bearer "
                + gw.userKey("responses-model")), "{\"model\":\"house-claude\",\"stream\":true,\"input\":\"hi\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> withResponse = jsonEvents(res.body()).stream().filter(e -> e.path("response").isObject())
                .toList();
        assertThat(withResponse).extracting(e -> e.path("type").asText())
                .contains("response.created", "response.completed");
        assertThat(withResponse).allSatisfy(e -> assertThat(e.at("/response/model").asText()).isEqualTo("house-claude"));
        // usage is every other dialect's own: it stays
        assertThat(withResponse.getLast().at("/response/usage/input_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void aClaudeClientSeesTheRouteNameItAskedForInMessageStart() {
        openai.enqueue(FakeResponses.openAiResponsesStream(List.of("hi ", "there"), Usage.of(6, 2)));
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", gw.userKey("claude-model"))
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"house-gpt\",\"max_tokens\":50,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode start = jsonEvents(res.body()).stream().filter(e -> e.path("type").asText().equals("message_start"))
                .findFirst().orElseThrow();
        assertThat(start.at("/message/model").asText()).isEqualTo("house-gpt");
        assertThat(res.body()).doesNotContain(FakeResponses.OPENAI_MODEL).contains("event: message_stop");
    }

    @Test
    void aGeminiClientSeesTheModelOfItsPathInEveryChunk() {
        claude.enqueue(FakeResponses.claudeStream(List.of("hola ", "mundo"), Usage.of(5, 2)));
        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/house-claude:streamGenerateContent?alt=sse")
                .header("x-goog-api-key", gw.userKey("gemini-model")),
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> chunks = jsonEvents(res.body());
        assertThat(chunks).isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("modelVersion").asText()).isEqualTo("house-claude"));
        assertThat(chunks.getLast().at("/usageMetadata/promptTokenCount").asLong()).isEqualTo(5);
    }

    private static java.net.http.HttpRequest.Builder chat(String key) {
        return gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key);
    }

    /** The JSON data of every event of an SSE body ({@code [DONE]} left out). */
    static List<JsonNode> jsonEvents(String body) {
        List<JsonNode> out = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
            for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
                if (e.get().dataText().startsWith("{")) {
                    out.add(Json.parse(e.get().dataText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Row awaitUsage(TestGateway.User user) {
        return SettledUsage.one(gw, user);
    }
}
