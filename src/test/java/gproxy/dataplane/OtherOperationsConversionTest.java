package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;

import gproxy.billing.CharacterEstimate;
import gproxy.billing.RequestText;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
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
 * Count tokens, model lists and embeddings across vendor families end to end, through the channels'
 * default routing rules: {@code transform_to} converts to the upstream's family and back, {@code local}
 * answers from the gateway's tokenizer or catalogue without calling anyone, {@code unsupported} skips
 * the candidate (none left: 501). One fake upstream per dialect.
 */
class OtherOperationsConversionTest {
    private static final String CLAUDE_COUNT = "{\"model\":\"%s\",\"system\":\"be brief\",\"messages\":"
            + "[{\"role\":\"user\",\"content\":\"what is the forecast for Lyon?\"}],\"tools\":[{\"name\":\"get_forecast\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]}";
    private static FakeUpstream gemini;
    private static FakeUpstream claude;
    private static FakeUpstream openAi;
    private static FakeUpstream deepSeek;
    private static TestGateway gw;
    private static long deepSeekId;

    @BeforeAll
    static void start() {
        gemini = FakeUpstream.start();
        claude = FakeUpstream.start();
        openAi = FakeUpstream.start();
        deepSeek = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("gem", "aistudio", gemini.url()), "AIza-upstream");
        gw.credential(gw.provider("cl", "claudeapi", claude.url()), "sk-ant-upstream");
        gw.credential(gw.provider("oa", "openai", openAi.url()), "sk-oa-upstream");
        deepSeekId = gw.provider("ds", "deepseek", deepSeek.url());
        gw.credential(deepSeekId, "sk-ds-upstream");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, gemini, claude, openAi, deepSeek);
    }

    @AfterAll
    static void stop() {
        gw.close();
        gemini.close();
        claude.close();
        openAi.close();
        deepSeek.close();
    }

    @Test
    void aClaudeClientCountingOnAGeminiModelGetsInputTokensFromTotalTokens() {
        TestGateway.User user = gw.user("claude-counts-on-gemini");
        gemini.enqueue(FakeResponse.json("{\"totalTokens\":31,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":31}]}"));

        HttpResponse<String> res = gw.post(claudeRequest("/v1/messages/count_tokens", user),
                CLAUDE_COUNT.formatted("gem/gemini-2.5-flash"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"input_tokens\":31}");
        RecordedRequest sent = gemini.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(sent.header("x-goog-api-key")).contains("AIza-upstream");
        JsonNode request = sent.bodyJson().path("generateContentRequest");
        assertThat(request.path("model").asText()).isEqualTo("models/gemini-2.5-flash");
        assertThat(request.at("/systemInstruction/parts/0/text").asText()).isEqualTo("be brief");
        assertThat(request.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_forecast");
        assertThat(request.has("generationConfig")).as("a count has no output settings").isFalse();
        Row usage = awaitUsage(user);
        assertThat(usage.get("operation")).isEqualTo("count_tokens");
        assertThat(usage.get("ended")).isEqualTo("complete");
        assertThat(usage.longValue("input_tokens")).as("counting is free").isZero();
        assertThat(usage.longValue("output_tokens")).isZero();
    }

    @Test
    void aGeminiClientCountingOnAClaudeModelGetsTotalTokensFromInputTokens() {
        TestGateway.User user = gw.user("gemini-counts-on-claude");
        claude.enqueue(FakeResponse.json("{\"input_tokens\":14}"));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/cl/claude-sonnet-4-5:countTokens")
                .header("x-goog-api-key", user.key()), "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi there\"}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).path("totalTokens").asLong()).isEqualTo(14);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.bodyJson().at("/messages/0/content/0/text").asText()).isEqualTo("hi there");
        assertThat(sent.bodyJson().has("max_tokens")).isFalse();
        assertThat(awaitUsage(user).get("ended")).isEqualTo("complete");
    }

    @Test
    void anOpenAiClientCountingInputTokensOnAClaudeModelGetsTheResponsesShape() {
        TestGateway.User user = gw.user("openai-counts-on-claude");
        claude.enqueue(FakeResponse.json("{\"input_tokens\":22}"));

        HttpResponse<String> res = gw.post(gw.request("/v1/responses/input_tokens")
                .header("Authorization", "Bearer " + user.key()), "{\"model\":\"cl/claude-sonnet-4-5\","
                + "\"instructions\":\"be brief\",\"input\":\"forecast for Lyon?\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("{\"object\":\"response.input_tokens\",\"input_tokens\":22}");
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.bodyJson().path("system").asText()).isEqualTo("be brief");
        awaitUsage(user);
    }

    @Test
    void anUpstreamThatCannotCountIsAnsweredLocallyByTheTokenizerWithoutBeingCalled() {
        TestGateway.User user = gw.user("claude-counts-on-deepseek");
        String body = CLAUDE_COUNT.formatted("ds/gpt-4o-mini");
        int before = deepSeek.requestCount();

        HttpResponse<String> res = gw.post(claudeRequest("/v1/messages/count_tokens", user), body);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        long exact = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE)
                .countTokensOrdinary(RequestText.of(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(TestGateway.json(res).path("input_tokens").asLong()).as("GPT-family: tiktoken, exact")
                .isEqualTo(exact).isPositive();
        HttpResponse<String> estimated = gw.post(gw.request("/v1beta/models/ds/deepseek-chat:countTokens")
                .header("x-goog-api-key", user.key()), "{\"contents\":[{\"parts\":[{\"text\":\"twelve chars\"}]}]}");
        assertThat(TestGateway.json(estimated).path("totalTokens").asLong()).as("other models: characters / 2")
                .isEqualTo(CharacterEstimate.tokens("twelve chars"));
        assertThat(deepSeek.requestCount()).as("local never calls the provider").isEqualTo(before);
        assertThat(rows(user)).as("nothing reached an upstream: nothing to bill").isEmpty();
    }

    @Test
    void aModelWhoseOnlyProviderRefusesTheOperationIs501() {
        TestGateway.User user = gw.user("refused-count");
        JsonNode rule = rule(deepSeekId, "count_tokens", "claude");
        gw.post(gw.admin("/admin/providers/" + deepSeekId + "/routing-rules"), "{\"id\":" + rule.path("id").asLong()
                + ",\"implementation\":\"unsupported\"}");
        try {
            HttpResponse<String> res = gw.post(claudeRequest("/v1/messages/count_tokens", user),
                    CLAUDE_COUNT.formatted("ds/deepseek-chat"));

            assertThat(res.statusCode()).as(res.body()).isEqualTo(501);
            assertThat(TestGateway.json(res).at("/error/type").asText()).isNotBlank();
        } finally {
            gw.send(gw.admin("/admin/providers/" + deepSeekId + "/routing-rules/reset")
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
    }

    @Test
    void anOpenAiClientListsAScopedClaudeProviderInOpenAisShape() {
        TestGateway.User user = gw.user("openai-lists-claude");
        claude.enqueue(FakeResponse.json(new String(Golden.bytes("models/list.claude.json"), StandardCharsets.UTF_8)));

        HttpResponse<String> res = gw.send(gw.request("/cl/v1/models").header("Authorization", "Bearer " + user.key()));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode list = TestGateway.json(res);
        assertThat(list.path("object").asText()).isEqualTo("list");
        assertThat(list.path("data").findValuesAsText("id")).containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(list.at("/data/0/created").asLong()).isEqualTo(1759104000L);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/v1/models");
        assertThat(sent.header("x-api-key")).contains("sk-ant-upstream");
        Row usage = awaitUsage(user);
        assertThat(usage.get("operation")).isEqualTo("list_models");
        assertThat(usage.longValue("input_tokens")).isZero();
    }

    @Test
    void aClaudeClientListsAScopedGeminiProviderAndGetsOneOfItsModels() {
        TestGateway.User user = gw.user("claude-lists-gemini");
        gemini.enqueue(FakeResponse.json(new String(Golden.bytes("models/list.gemini.json"), StandardCharsets.UTF_8)));
        gemini.enqueue(FakeResponse.json("{\"name\":\"models/gemini-2.5-flash\",\"displayName\":\"Gemini 2.5 Flash\"}"));

        HttpResponse<String> list = gw.send(claudeGet("/gem/v1/models", user));
        HttpResponse<String> one = gw.send(claudeGet("/gem/v1/models/gemini-2.5-flash", user));

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode page = TestGateway.json(list);
        assertThat(page.path("data").findValuesAsText("display_name")).containsExactly("Gemini 2.5 Flash",
                "Text Embedding 004");
        assertThat(page.path("has_more").asBoolean()).isFalse();
        assertThat(page.path("first_id").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(page.path("last_id").asText()).isEqualTo("text-embedding-004");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(TestGateway.json(one).path("type").asText()).isEqualTo("model");
        assertThat(TestGateway.json(one).path("id").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(gemini.takeRequest().path()).isEqualTo("/v1beta/models");
        assertThat(gemini.takeRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash");
    }

    @Test
    void aGeminiClientListingAScopedOpenAiProviderGetsResourceNames() {
        TestGateway.User user = gw.user("gemini-lists-openai");
        openAi.enqueue(FakeResponse.json(new String(Golden.bytes("models/list.openai.json"), StandardCharsets.UTF_8)));

        HttpResponse<String> res = gw.send(gw.request("/oa/v1beta/models").header("x-goog-api-key", user.key()));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).path("models").findValuesAsText("name"))
                .containsExactly("models/gpt-4o-mini", "models/text-embedding-3-small");
        assertThat(openAi.takeRequest().path()).isEqualTo("/v1/models");
    }

    @Test
    void anOpenAiEmbeddingOnGeminiIsABatchWhoseUsageIsTheEstimateTheUsageRowRecords() {
        TestGateway.User user = gw.user("openai-embeds-on-gemini");
        gemini.enqueue(FakeResponse.json("{\"embeddings\":[{\"values\":[0.25,-0.5]},{\"values\":[1.0,0.0]}]}"));

        HttpResponse<String> res = gw.post(gw.request("/v1/embeddings").header("Authorization", "Bearer " + user.key()),
                "{\"model\":\"gem/text-embedding-004\",\"input\":[\"the quick brown fox\",\"jumps\"],\"dimensions\":2}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode answer = TestGateway.json(res);
        assertThat(answer.path("object").asText()).isEqualTo("list");
        assertThat(answer.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(answer.at("/data/1/embedding/0").asDouble()).isEqualTo(1.0);
        assertThat(answer.path("model").asText()).isEqualTo("gem/text-embedding-004");
        RecordedRequest sent = gemini.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
        assertThat(sent.bodyJson().at("/requests/1/model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(sent.bodyJson().at("/requests/0/outputDimensionality").asInt()).isEqualTo(2);
        Row usage = awaitUsage(user);
        assertThat(usage.get("operation")).isEqualTo("create_embedding");
        assertThat(usage.get("usage_source")).isEqualTo("estimated");
        assertThat(usage.longValue("input_tokens")).isPositive()
                .isEqualTo(answer.at("/usage/prompt_tokens").asLong());
    }

    @Test
    void aGeminiBatchEmbeddingOnOpenAiComesBackAsEmbeddingsBilledAtTheUpstreamsUsage() {
        TestGateway.User user = gw.user("gemini-embeds-on-openai");
        openAi.enqueue(FakeResponse.json("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.5,0.25]},{\"object\":\"embedding\",\"index\":1,\"embedding\":[-1.0,0.0]}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":7,\"total_tokens\":7}}"));

        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/oa/text-embedding-3-small:batchEmbedContents")
                .header("x-goog-api-key", user.key()), "{\"requests\":[{\"model\":\"models/oa/text-embedding-3-small\","
                + "\"content\":{\"parts\":[{\"text\":\"a\"}]}},{\"model\":\"models/oa/text-embedding-3-small\","
                + "\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode answer = TestGateway.json(res);
        assertThat(answer.at("/embeddings/0/values/0").asDouble()).isEqualTo(0.5);
        assertThat(answer.at("/embeddings/1/values/0").asDouble()).isEqualTo(-1.0);
        RecordedRequest sent = openAi.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/embeddings");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.bodyJson().path("input")).hasSize(2);
        assertThat(sent.bodyJson().path("input").get(1).asText()).isEqualTo("b");
        Row usage = awaitUsage(user);
        assertThat(usage.get("usage_source")).isEqualTo("upstream");
        assertThat(usage.longValue("input_tokens")).isEqualTo(7);
    }

    private static HttpRequest.Builder claudeRequest(String path, TestGateway.User user) {
        return gw.request(path).header("x-api-key", user.key()).header("anthropic-version", "2023-06-01");
    }

    private static HttpRequest.Builder claudeGet(String path, TestGateway.User user) {
        return claudeRequest(path, user).GET();
    }

    private static JsonNode rule(long providerId, String operation, String kind) {
        JsonNode rows = TestGateway.json(gw.send(gw.admin("/admin/providers/" + providerId + "/routing-rules")));
        for (JsonNode row : rows) {
            if (row.path("operation").asText().equals(operation) && row.path("kind").asText().equals(kind)) {
                return row;
            }
        }
        return fail("no rule " + operation + "/" + kind);
    }

    private static List<Row> rows(TestGateway.User user) {
        gw.gateway().settlements().flush();
        return gw.gateway().store().list(Schema.USAGES, Query.where("user_id", user.id()));
    }

    private static Row awaitUsage(TestGateway.User user) {
        return SettledUsage.one(gw, user);
    }
}
