package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseStreamEvent;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
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
 * The direct Responses ↔ Gemini pairs through the whole gateway: a Responses client against a
 * Gemini-only provider is converted to {@code generateContent} (no Chat hop), a Gemini client
 * against a Responses-only provider to {@code /v1/responses}; whole and streamed, with function
 * calls, and the settled usage row is the upstream's usage.
 */
class ResponsesGeminiConversionTest {
    private static final String TOOL = "{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"],\"additionalProperties\":false}}";
    private static final String GEMINI_CALLS = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Checking."},
             {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnLWNhbGw="}]},
             "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":21,"candidatesTokenCount":7,"thoughtsTokenCount":4,"totalTokenCount":32},
             "modelVersion":"gemini-2.5-flash","responseId":"gem-e2e"}""";
    private static final String RESPONSES_CALLS = """
            {"id":"resp_e2e","object":"response","created_at":1700000000,"status":"completed","model":"gpt-5-mini",
             "output":[{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_p","name":"get_weather",
               "arguments":"{\\"city\\":\\"Paris\\"}"}],
             "usage":{"input_tokens":30,"input_tokens_details":{"cached_tokens":0},"output_tokens":9,
               "output_tokens_details":{"reasoning_tokens":0},"total_tokens":39}}""";

    private static FakeUpstream gemini;
    private static FakeUpstream responses;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gemini = FakeUpstream.start();
        responses = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("gem", "aistudio", gemini.url()), "AIza-upstream");
        gw.credential(gw.provider("resp", "custom", responses.url(), "{\"settings_json\":{\"base_url\":\"" + responses.url()
                + "\",\"dialects\":[\"open_ai_responses\"]}}"), "sk-resp-upstream");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, gemini, responses);
    }

    @AfterAll
    static void stop() {
        gw.close();
        gemini.close();
        responses.close();
    }

    @Test
    void aResponsesClientWithToolsReachesAGeminiModelDirectlyAndGetsAFunctionCallItem() {
        TestGateway.User user = gw.user("responses-whole");
        gemini.enqueue(FakeResponse.json(GEMINI_CALLS));

        HttpResponse<String> res = gw.post(gw.request("/v1/responses").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"gem/gemini-2.5-flash\",\"instructions\":\"be brief\",\"input\":\"Weather in Paris?\",\"tools\":[" + TOOL + "],"
                        + "\"tool_choice\":\"required\",\"max_output_tokens\":64}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = gemini.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.header("x-goog-api-key")).contains("AIza-upstream");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.has("messages")).as("no hop through Chat").isFalse();
        assertThat(upstream.at("/systemInstruction/parts/0/text").asText()).isEqualTo("be brief");
        assertThat(upstream.at("/contents/0/parts/0/text").asText()).isEqualTo("Weather in Paris?");
        assertThat(upstream.at("/tools/0/functionDeclarations/0/parameters/type").asText()).isEqualTo("OBJECT");
        assertThat(upstream.at("/toolConfig/functionCallingConfig/mode").asText()).isEqualTo("ANY");
        assertThat(upstream.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(64);

        JsonNode body = TestGateway.json(res);
        assertThat(body.get("object").asText()).isEqualTo("response");
        assertThat(body.get("model").asText()).as("the model as the client named it").isEqualTo("gem/gemini-2.5-flash");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Checking.");
        JsonNode call = body.at("/output/1");
        assertThat(call.get("type").asText()).isEqualTo("function_call");
        assertThat(call.get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(call.get("call_id").asText()).startsWith("call_gs_");
        assertThat(body.at("/usage/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(4);
        assertSettled(user, 21, 0, 11);
    }

    @Test
    void aStreamingResponsesClientGetsNumberedEventsFromAGeminiStream() {
        TestGateway.User user = gw.user("responses-stream");
        gemini.enqueue(FakeResponse.sse(Golden.sse("responses-to-gemini/stream-tools.gemini.sse")));

        HttpResponse<String> res = gw.post(gw.request("/v1/responses").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"gem/gemini-2.5-flash\",\"stream\":true,\"input\":\"Weather in Paris and Rome?\",\"tools\":[" + TOOL + "]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(gemini.takeRequest().target()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        List<SseEvent> events = Golden.events(res.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(events.getFirst().type()).isEqualTo("response.created");
        assertThat(events.getLast().type()).isEqualTo("response.completed");
        assertThat(events.stream().filter(e -> e.type().equals("response.function_call_arguments.done"))).hasSize(2);
        List<JsonNode> data = Golden.data(events);
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.get(i).get("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode usage = data.getLast().at("/response/usage");
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(50);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(40);
        assertSettled(user, 50, 32, 40);
    }

    @Test
    void aGeminiClientReachesAResponsesOnlyProviderDirectlyAndGetsAFunctionCallPart() {
        TestGateway.User user = gw.user("gemini-whole");
        responses.enqueue(FakeResponse.json(RESPONSES_CALLS));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/resp/gpt-5-mini:generateContent").header("x-goog-api-key", user.key()),
                "{\"systemInstruction\":{\"parts\":[{\"text\":\"be brief\"}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]}],"
                        + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"parameters\":{\"type\":\"OBJECT\","
                        + "\"properties\":{\"city\":{\"type\":\"STRING\"}}}}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = responses.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.header("authorization")).contains("Bearer sk-resp-upstream");
        JsonNode upstream = sent.bodyJson();
        assertThat(upstream.has("messages")).as("no hop through Chat").isFalse();
        assertThat(upstream.get("model").asText()).isEqualTo("gpt-5-mini");
        assertThat(upstream.get("instructions").asText()).isEqualTo("be brief");
        assertThat(upstream.at("/input/0/content/0/text").asText()).isEqualTo("Weather?");
        assertThat(upstream.at("/tools/0/strict").asBoolean(true)).isFalse();
        assertThat(upstream.get("store").asBoolean(true)).isFalse();
        assertThat(upstream.get("prompt_cache_key").asText()).startsWith("gproxy-");

        JsonNode call = TestGateway.json(res).at("/candidates/0/content/parts/0/functionCall");
        assertThat(call).isEqualTo(Json.parse("{\"id\":\"call_p\",\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}"));
        assertThat(TestGateway.json(res).at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(39);
        assertSettled(user, 30, 0, 9);
    }

    @Test
    void aStreamingGeminiClientGetsSseChunksOrOneJsonArrayFromAResponsesStream() {
        TestGateway.User user = gw.user("gemini-stream");
        List<SseEvent> upstream = Golden.sse("gemini-to-responses/stream-tools.responses.sse");
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]}]}";
        responses.enqueue(FakeResponse.sse(upstream));

        HttpResponse<String> sse = gw.post(gw.request("/v1beta/models/resp/gpt-5-mini:streamGenerateContent?alt=sse")
                .header("x-goog-api-key", user.key()), body);

        assertThat(sse.statusCode()).as(sse.body()).isEqualTo(200);
        assertThat(responses.takeRequest().bodyJson().get("stream").asBoolean()).isTrue();
        List<JsonNode> chunks = Golden.data(Golden.events(sse.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(chunks.stream().filter(c -> c.at("/candidates/0/content/parts/0").has("functionCall"))).hasSize(2);
        assertThat(chunks.getLast().at("/usageMetadata/totalTokenCount").asLong()).isEqualTo(90);
        assertSettled(user, 50, 32, 40);

        TestGateway.User arrayUser = gw.user("gemini-array");
        responses.enqueue(FakeResponse.sse(upstream));
        HttpResponse<String> array = gw.post(gw.request("/v1beta/models/resp/gpt-5-mini:streamGenerateContent")
                .header("x-goog-api-key", arrayUser.key()), body);

        assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
        responses.takeRequest();
        JsonNode elements = Json.parse(array.body());
        assertThat(elements.isArray()).isTrue();
        assertThat(elements).hasSize(chunks.size());
        assertThat(elements.get(elements.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertSettled(arrayUser, 50, 32, 40);
    }

    @Test
    void theOpenAiSdkValidatesAndReadsTheConvertedAnswerAndEveryStreamedEvent() {
        TestGateway.User user = gw.user("responses-sdk");
        gemini.enqueue(FakeResponse.json(GEMINI_CALLS));
        gemini.enqueue(FakeResponse.sse(Golden.sse("responses-to-gemini/stream-tools.gemini.sse")));
        OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/v1").toString()).apiKey(user.key()).maxRetries(0).build();
        try {
            ResponseCreateParams params = ResponseCreateParams.builder().model("gem/gemini-2.5-flash").input("Weather in Paris?").build();

            Response response = sdk.responses().create(params).validate();
            ResponseFunctionToolCall call = response.output().get(1).functionCall().orElseThrow();
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(32);

            List<ResponseStreamEvent> events;
            try (StreamResponse<ResponseStreamEvent> stream = sdk.responses().createStreaming(params)) {
                events = stream.stream().toList();
            }
            events.forEach(ResponseStreamEvent::validate);
            assertThat(events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta())).containsExactly("Checking", " both.");
            assertThat(events.stream().flatMap(e -> e.functionCallArgumentsDone().stream()).map(d -> d.arguments()))
                    .containsExactly("{\"city\":\"Paris\"}", "{\"city\":\"Rome\"}");
            Response completed = events.getLast().completed().orElseThrow().response();
            assertThat(completed.usage().orElseThrow().inputTokens()).isEqualTo(50);
        } finally {
            sdk.close();
        }
        gemini.takeRequest();
        gemini.takeRequest();
    }

    @Test
    void aStatefulResponsesRequestIsRefusedBeforeAnyUpstreamCall() {
        TestGateway.User user = gw.user("responses-stateful");
        HttpResponse<String> res = gw.post(gw.request("/v1/responses").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"gem/gemini-2.5-flash\",\"previous_response_id\":\"resp_earlier\",\"input\":\"and then?\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        assertThat(res.body()).contains("previous_response_id");
        assertThat(gemini.takeRequest(Duration.ofMillis(200))).isEmpty();
    }

    /**
     * The user's one usage row is complete, from the upstream's own usage, token for token: the row
     * keeps cache reads apart from the other input tokens.
     */
    private static void assertSettled(TestGateway.User user, long input, long cached, long output) {
        Row usage = awaitUsage(user);
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(input - cached);
        assertThat(usage.longValue("cache_read_tokens")).isEqualTo(cached);
        assertThat(usage.longValue("output_tokens")).isEqualTo(output);
    }

    private static Row awaitUsage(TestGateway.User user) {
        return SettledUsage.one(gw, user);
    }
}
