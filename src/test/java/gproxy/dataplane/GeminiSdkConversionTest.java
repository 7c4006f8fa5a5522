package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;

import gproxy.store.Query;
import gproxy.store.Row;
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
 * The official Google Gen AI Java SDK, base URL pointed at the gateway, calling models whose
 * providers speak the other dialects: an {@code openai} provider (Responses upstream) and a
 * {@code claudeapi} provider (Messages upstream). generateContent and generateContentStream with a
 * function declaration: the SDK parses the converted candidates, function calls included.
 */
class GeminiSdkConversionTest {
    private static final String RESPONSES_CALL = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\","
            + "\"model\":\"gpt-4o-mini\",\"output\":[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\","
            + "\"name\":\"get_forecast\",\"arguments\":\"{\\\"city\\\":\\\"Lyon\\\"}\",\"status\":\"completed\"}],"
            + "\"usage\":{\"input_tokens\":20,\"output_tokens\":8,\"total_tokens\":28}}";
    private static final String CLAUDE_CALL = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Checking.\"},{\"type\":\"tool_use\","
            + "\"id\":\"toolu_1\",\"name\":\"get_forecast\",\"input\":{\"city\":\"Lyon\"}}],\"stop_reason\":\"tool_use\","
            + "\"usage\":{\"input_tokens\":21,\"output_tokens\":9}}";
    private static FakeUpstream openAi;
    private static FakeUpstream claude;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start();
        claude = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("oa", "openai", openAi.url()), "sk-oa-upstream");
        gw.credential(gw.provider("cl", "claudeapi", claude.url()), "sk-ant-upstream");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, openAi, claude);
    }

    @AfterAll
    static void stop() {
        gw.close();
        openAi.close();
        claude.close();
    }

    @Test
    void generateContentOnAnOpenAiModelReturnsTheFunctionCallAsTheSdkReadsIt() {
        TestGateway.User user = gw.user("genai-on-openai");
        openAi.enqueue(FakeResponse.json(RESPONSES_CALL));

        GenerateContentResponse response;
        try (Client sdk = client(user)) {
            response = sdk.models.generateContent("oa/gpt-4o-mini", "forecast for Lyon?", withForecastTool());
        }

        assertCall(response.functionCalls(), "get_forecast", "Lyon");
        assertThat(response.usageMetadata().orElseThrow().promptTokenCount()).contains(20);
        RecordedRequest sent = openAi.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.header("authorization")).contains("Bearer sk-oa-upstream");
        assertThat(sent.bodyJson().at("/tools/0/name").asText()).isEqualTo("get_forecast");
        assertThat(sent.bodyJson().at("/tools/0/parameters/properties/city/type").asText()).isEqualTo("string");
        assertThat(usage(user).longValue("input_tokens")).isEqualTo(20);
    }

    @Test
    void generateContentStreamOnAnOpenAiModelStreamsTheFunctionCalls() {
        TestGateway.User user = gw.user("genai-streams-openai");
        openAi.enqueue(FakeResponse.sse(Golden.sse("gemini-to-responses/stream-tools.responses.sse")));

        List<FunctionCall> calls = new ArrayList<>();
        try (Client sdk = client(user);
             ResponseStream<GenerateContentResponse> stream = sdk.models.generateContentStream("oa/gpt-4o-mini",
                     "weather in Paris and Rome?", withForecastTool())) {
            for (GenerateContentResponse chunk : stream) {
                if (chunk.functionCalls() != null) {
                    calls.addAll(chunk.functionCalls());
                }
            }
        }

        assertThat(calls).extracting(c -> c.name().orElseThrow()).contains("get_weather");
        assertThat(calls).extracting(c -> c.args().orElseThrow().get("city")).contains("Paris");
        JsonNode sent = openAi.takeRequest().bodyJson();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(usage(user).get("ended")).isEqualTo("complete");
    }

    @Test
    void generateContentOnAClaudeModelReturnsTextAndTheFunctionCall() {
        TestGateway.User user = gw.user("genai-on-claude");
        claude.enqueue(FakeResponse.json(CLAUDE_CALL));

        GenerateContentResponse response;
        try (Client sdk = client(user)) {
            response = sdk.models.generateContent("cl/claude-sonnet-4-5", "forecast for Lyon?", withForecastTool());
        }

        assertCall(response.functionCalls(), "get_forecast", "Lyon");
        assertThat(response.usageMetadata().orElseThrow().promptTokenCount()).contains(21);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains("sk-ant-upstream");
        assertThat(sent.bodyJson().at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(usage(user).longValue("output_tokens")).isEqualTo(9);
    }

    @Test
    void generateContentStreamOnAClaudeModelStreamsBothParallelFunctionCalls() {
        TestGateway.User user = gw.user("genai-streams-claude");
        claude.enqueue(FakeResponse.sse(Golden.sse("gemini-to-claude/stream-tools.claude.sse")));

        List<FunctionCall> calls = new ArrayList<>();
        try (Client sdk = client(user);
             ResponseStream<GenerateContentResponse> stream = sdk.models.generateContentStream("cl/claude-sonnet-4-5",
                     "forecast for Lyon and Paris?", withForecastTool())) {
            for (GenerateContentResponse chunk : stream) {
                if (chunk.functionCalls() != null) {
                    calls.addAll(chunk.functionCalls());
                }
            }
        }

        assertThat(calls).as("two parallel tool_use blocks, each assembled from its partial_json")
                .extracting(c -> c.name().orElseThrow(), c -> c.args().orElseThrow().get("city"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("get_forecast", "Lyon"),
                        org.assertj.core.groups.Tuple.tuple("get_forecast", "Paris"));
        assertThat(claude.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
        assertThat(usage(user).get("ended")).isEqualTo("complete");
    }

    private static Client client(TestGateway.User user) {
        return Client.builder().apiKey(user.key())
                .httpOptions(HttpOptions.builder().baseUrl(gw.uri("").toString()).build()).build();
    }

    private static GenerateContentConfig withForecastTool() {
        FunctionDeclaration forecast = FunctionDeclaration.builder().name("get_forecast")
                .description("Forecast for a city")
                .parameters(Schema.builder().type("OBJECT")
                        .properties(Map.of("city", Schema.builder().type("STRING").build())).build())
                .build();
        return GenerateContentConfig.builder().tools(Tool.builder().functionDeclarations(forecast).build()).build();
    }

    private static void assertCall(List<FunctionCall> calls, String name, String city) {
        assertThat(calls).as("function calls").isNotNull().hasSize(1);
        assertThat(calls.getFirst().name()).contains(name);
        assertThat(calls.getFirst().args().orElseThrow()).containsEntry("city", city);
    }

    private static Row usage(TestGateway.User user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            gw.gateway().settlements().flush();
            List<Row> rows = gw.gateway().store().list(gproxy.store.Schema.USAGES, Query.where("user_id", user.id()));
            if (!rows.isEmpty() && gw.gateway().settlements().openSettlements() == 0) {
                assertThat(rows).hasSize(1);
                return rows.getFirst();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("no usage row for user " + user.id());
    }
}
