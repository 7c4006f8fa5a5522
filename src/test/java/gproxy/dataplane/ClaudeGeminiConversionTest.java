package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.store.Row;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.SettledUsage;
import gproxy.testing.TestGateway;
import gproxy.translate.golden.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claude Messages ↔ Gemini generateContent end to end, converted directly (no pivot through Chat):
 * the upstream receives its own dialect, the client reads its own, and the usage row holds the
 * upstream's counts.
 */
class ClaudeGeminiConversionTest {
    private static final String TOOLS = "\"tools\":[{\"name\":\"get_forecast\",\"input_schema\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]";
    private static FakeUpstream gemini;
    private static FakeUpstream claude;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gemini = FakeUpstream.start();
        claude = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("gem", "aistudio", gemini.url()), "AIza-upstream");
        gw.credential(gw.provider("anthropic", "claudeapi", claude.url()), "sk-ant-upstream");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, gemini, claude);
    }

    @AfterAll
    static void stop() {
        gw.close();
        gemini.close();
        claude.close();
    }

    @Test
    void aClaudeClientWithToolsReachesAGeminiModelDirectlyAndGetsAClaudeMessage() {
        TestGateway.User user = gw.user("claude-on-gemini");
        gemini.enqueue(FakeResponse.json(new String(Golden.bytes("claude-to-gemini/response-tools.gemini.json"))));

        HttpResponse<String> res = gw.post(claudeRequest(user), "{\"model\":\"gem/gemini-2.5-flash\",\"max_tokens\":300,"
                + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"forecast?\"}]," + TOOLS + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode message = TestGateway.json(res);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("thinking");
        assertThat(message.at("/content/2/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/2/input/city").asText()).isEqualTo("Lyon");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        RecordedRequest sent = gemini.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.has("messages")).as("Gemini's dialect, not Chat's").isFalse();
        assertThat(upstream.at("/systemInstruction/parts/0/text").asText()).isEqualTo("be brief");
        assertThat(upstream.at("/tools/0/functionDeclarations/0/parameters/type").asText()).isEqualTo("OBJECT");
        assertThat(upstream.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(300);
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).isEqualTo(200);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(1000);
        assertThat(usage.longValue("output_tokens")).isEqualTo(85);
    }

    @Test
    void aStreamingClaudeClientGetsClaudeEventsFromAGeminiStream() {
        TestGateway.User user = gw.user("claude-streams-gemini");
        gemini.enqueue(FakeResponse.sse(Golden.sse("claude-to-gemini/stream-tools.gemini.sse")));

        HttpResponse<String> res = gw.post(claudeRequest(user), "{\"model\":\"gem/gemini-2.5-flash\",\"max_tokens\":300,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"forecast?\"}]," + TOOLS + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> types = Golden.events(res.body().getBytes()).stream().map(e -> e.type()).toList();
        assertThat(types.getFirst()).isEqualTo("message_start");
        assertThat(types).contains("content_block_start", "content_block_delta", "content_block_stop", "message_delta")
                .endsWith("message_stop");
        assertThat(res.body()).contains("\"type\":\"tool_use\"", "\"stop_reason\":\"tool_use\"");
        RecordedRequest sent = gemini.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(sent.bodyJson().has("stream")).isFalse();
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(132);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(768);
        assertThat(usage.longValue("output_tokens")).isEqualTo(52);
    }

    @Test
    void aGeminiClientReachesAClaudeModelAndGetsACandidateWithFunctionCalls() {
        TestGateway.User user = gw.user("gemini-on-claude");
        claude.enqueue(FakeResponse.json(new String(Golden.bytes("gemini-to-claude/response-tools.claude.json"))));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/anthropic/claude-sonnet-4-5:generateContent")
                .header("x-goog-api-key", user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"forecast?\"}]}],"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_forecast\",\"parameters\":{\"type\":\"OBJECT\","
                + "\"properties\":{\"city\":{\"type\":\"STRING\"}}}}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode answer = TestGateway.json(res);
        assertThat(answer.at("/candidates/0/content/parts/3/functionCall/id").asText()).isEqualTo("toolu_01F");
        assertThat(answer.at("/usageMetadata/cachedContentTokenCount").asLong()).isEqualTo(1000);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(upstream.path("max_tokens").asInt()).isPositive();
        assertThat(upstream.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
        Row usage = awaitUsage(user);
        assertThat(usage.longValue("input_tokens")).isEqualTo(200);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(1000);
        assertThat(usage.longValue("output_tokens")).isEqualTo(85);
    }

    @Test
    void aGeminiClientStreamingWithoutAltSseGetsAJsonArrayFromAClaudeStream() {
        TestGateway.User user = gw.user("gemini-array-on-claude");
        claude.enqueue(FakeResponse.sse(Golden.sse("gemini-to-claude/stream-tools.claude.sse")));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/anthropic/claude-sonnet-4-5:streamGenerateContent")
                .header("x-goog-api-key", user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"forecast?\"}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode chunks = Json.parse(res.body());
        assertThat(chunks.isArray()).as(res.body()).isTrue();
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(940);
        assertThat(res.body()).contains("\"functionCall\":{\"id\":\"toolu_01F\"");
        assertThat(claude.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).isEqualTo(120);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(768);
        assertThat(usage.longValue("output_tokens")).isEqualTo(52);
    }

    private static java.net.http.HttpRequest.Builder claudeRequest(TestGateway.User user) {
        return gw.request("/v1/messages").header("x-api-key", user.key()).header("anthropic-version", "2023-06-01");
    }

    private static Row awaitUsage(TestGateway.User user) {
        return SettledUsage.one(gw, user);
    }
}
