package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.testing.FakeResponse;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.translate.golden.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Responses client against an Anthropic-only provider and a Claude client against a Responses-only
 * provider: the direct pair converts the request on the way up and the answer (whole or streamed, with
 * tool calls) on the way back, and the usage row settles at the upstream's own counts.
 */
class ResponsesClaudeConversionTest {
    private static final String TOOLS_JSON = "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]";

    private static FakeUpstream claude;
    private static FakeUpstream responses;
    private static TestGateway gw;
    private static TestGateway.User user;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        responses = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("anth", "claudeapi", claude.url()), "sk-ant-upstream");
        gw.credential(gw.provider("resp", "custom", responses.url(), "{\"settings_json\":{\"base_url\":\""
                + responses.url() + "\",\"dialects\":[\"open_ai_responses\"]}}"), "sk-resp-upstream");
        user = gw.user("dana");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        responses.close();
    }

    @AfterEach
    void nothingIsLeftOpen() {
        Leaks.assertNoneInFlight(gw, claude);
        Leaks.assertNoneInFlight(gw, responses);
    }

    @Test
    void aResponsesClientWithToolHistoryGetsFunctionCallsFromAClaudeModel() {
        claude.enqueue(FakeResponse.json(new String(Golden.bytes("responses-to-claude/response-tools.upstream.json"))));

        HttpResponse<String> res = responsesCall("{\"model\":\"anth/claude-sonnet-4-5\",\"instructions\":\"Be brief.\","
                + "\"input\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"type\":\"function_call\",\"call_id\":\"call_1\","
                + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"},{\"type\":\"function_call_output\","
                + "\"call_id\":\"call_1\",\"output\":\"3C\"}],\"tools\":" + TOOLS_JSON + ",\"parallel_tool_calls\":false}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("object").asText()).isEqualTo("response");
        assertThat(body.path("output").valueStream().map(i -> i.path("type").asText())).containsExactly("reasoning", "reasoning", "message",
                "function_call", "function_call");
        assertThat(body.at("/output/3/call_id").asText()).isEqualTo("toolu_01");
        assertThat(body.at("/usage/input_tokens").asLong()).isEqualTo(2420);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains("sk-ant-upstream");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(upstream.path("system").asText()).isEqualTo("Be brief.");
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(upstream.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(upstream.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("call_1");
        assertThat(upstream.at("/tool_choice/disable_parallel_tool_use").asBoolean()).isTrue();
        assertSettled(usageRow(res), 120, 2000, 300, 85);
    }

    @Test
    void aStreamingResponsesClientGetsNumberedEventsAndTheClaudeUsage() {
        claude.enqueue(FakeResponse.sse(Golden.sse("responses-to-claude/stream-tools.upstream.sse")));

        HttpResponse<String> res = responsesCall("{\"model\":\"anth/claude-sonnet-4-5\",\"stream\":true,\"input\":\"weather?\","
                + "\"tools\":" + TOOLS_JSON + "}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<JsonNode> events = Golden.data(Golden.events(res.body().getBytes()));
        assertThat(events.getFirst().path("type").asText()).isEqualTo("response.created");
        assertThat(events.getLast().path("type").asText()).isEqualTo("response.completed");
        assertThat(events.stream().map(e -> e.path("sequence_number").asInt()).toList())
                .isEqualTo(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.getLast().at("/response/output/3/arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(claude.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
        assertSettled(usageRow(res), 150, 1024, 0, 64);
    }

    @Test
    void aClaudeClientGetsToolUseFromAResponsesOnlyProvider() {
        responses.enqueue(FakeResponse.json(new String(Golden.bytes("claude-to-responses/response-tools.upstream.json"))));

        HttpResponse<String> res = claudeCall("{\"model\":\"resp/gpt-5\",\"max_tokens\":300,\"system\":\"Be brief.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],\"tools\":[{\"name\":\"get_weather\","
                + "\"input_schema\":{\"type\":\"object\"}}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(body.path("content").valueStream().map(b -> b.path("type").asText())).containsExactly("thinking", "text", "tool_use", "tool_use");
        assertThat(body.at("/content/0/signature").asText()).isEqualTo("openai.reasoning:rs_68abc:gAAAAABenc");
        RecordedRequest sent = responses.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.header("authorization")).contains("Bearer sk-resp-upstream");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(upstream.path("store").asBoolean(true)).isFalse();
        assertThat(upstream.at("/reasoning/effort").asText()).isEqualTo("low");
        assertThat(upstream.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(upstream.path("prompt_cache_key").asText()).startsWith("gproxy-");
        assertSettled(usageRow(res), 420, 2000, 0, 185);
    }

    @Test
    void aStreamingClaudeClientGetsToolBlocksAndTheResponsesUsage() {
        responses.enqueue(FakeResponse.sse(Golden.sse("claude-to-responses/stream-tools.upstream.sse")));

        HttpResponse<String> res = claudeCall("{\"model\":\"resp/gpt-5\",\"max_tokens\":300,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],\"tools\":[{\"name\":\"get_weather\","
                + "\"input_schema\":{\"type\":\"object\"}}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        List<SseEvent> events = Golden.events(res.body().getBytes());
        assertThat(events.getFirst().type()).isEqualTo("message_start");
        assertThat(events.getLast().type()).isEqualTo("message_stop");
        assertThat(res.body()).contains("\"partial_json\":\"{\\\"city\\\":\\\"Rome\\\"}\"");
        assertThat(responses.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
        assertSettled(usageRow(res), 476, 1024, 0, 120);
    }

    @Test
    void aResponsesClientLeaningOnStoredStateIsRefusedBeforeAnyUpstreamCall() {
        int before = claude.requestCount();

        HttpResponse<String> res = responsesCall("{\"model\":\"anth/claude-sonnet-4-5\",\"input\":\"and then?\","
                + "\"previous_response_id\":\"resp_1\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(TestGateway.json(res).at("/error/message").asText()).contains("previous_response_id");
        assertThat(claude.requestCount()).isEqualTo(before);
    }

    @Test
    void theOpenAiSdkStreamsAToolCallFromAClaudeModel() {
        claude.enqueue(FakeResponse.sse(Golden.sse("responses-to-claude/stream-tools.upstream.sse")));
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/v1").toString()).apiKey(user.key())
                .maxRetries(0).build();
        ResponseCreateParams params = ResponseCreateParams.builder().model("anth/claude-sonnet-4-5").input("weather?")
                .addTool(FunctionTool.builder().name("get_weather").strict(false)
                        .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                                .build()).build()).build();

        List<String> argumentDeltas;
        Optional<Response> completed;
        try (StreamResponse<ResponseStreamEvent> stream = sdk.responses().createStreaming(params)) {
            List<ResponseStreamEvent> events = stream.stream().toList();
            argumentDeltas = events.stream().flatMap(e -> e.functionCallArgumentsDelta().stream()).map(d -> d.delta()).toList();
            completed = events.stream().flatMap(e -> e.completed().stream()).map(c -> c.response()).findFirst();
        }

        assertThat(argumentDeltas).containsExactly("{\"city\":", "\"Paris\"}", "{\"city\":\"Rome\"}");
        Response response = completed.orElseThrow();
        List<ResponseFunctionToolCall> calls = response.output().stream().flatMap(o -> o.functionCall().stream()).toList();
        assertThat(calls).extracting(ResponseFunctionToolCall::callId).containsExactly("toolu_01", "toolu_02");
        assertThat(response.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(1024);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(150 + 1024 + 64);
        assertThat(claude.takeRequest().bodyJson().at("/tools/0/name").asText()).isEqualTo("get_weather");
    }

    private static HttpResponse<String> responsesCall(String body) {
        return gw.post(gw.request("/v1/responses").header("Authorization", "Bearer " + user.key()), body);
    }

    private static HttpResponse<String> claudeCall(String body) {
        return gw.post(gw.request("/v1/messages").header("x-api-key", user.key()).header("anthropic-version", "2023-06-01"), body);
    }

    private static void assertSettled(Row usage, long input, long cacheRead, long cacheWrite, long output) {
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(input);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(cacheRead);
        assertThat(usage.longValue("cache_creation_5m_tokens")).isEqualTo(cacheWrite);
        assertThat(usage.longValue("output_tokens")).isEqualTo(output);
    }

    /** The usage row of {@code res}, once its settlement is written. */
    private static Row usageRow(HttpResponse<String> res) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            gw.gateway().settlements().flush();
            Optional<Row> row = gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id())).stream()
                    .filter(r -> r.get("request_id").equals(res.headers().firstValue("x-gproxy-request-id").orElseThrow()))
                    .findFirst();
            if (row.isPresent() && gw.gateway().settlements().openSettlements() == 0) {
                return row.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no usage row for " + res.headers().map());
    }
}
