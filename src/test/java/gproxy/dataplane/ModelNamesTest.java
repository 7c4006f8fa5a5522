package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a client names a model — {@code provider/model}, a route, a global alias, the scoped
 * mount — and what the model lists say, each in the caller's dialect.
 */
class ModelNamesTest {
    private static FakeUpstream openAi;
    private static FakeUpstream claude;
    private static TestGateway gw;
    private static String key;
    private static long fakeId;
    private static long anthropicId;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start();
        claude = FakeUpstream.start();
        gw = TestGateway.start();
        long fake = gw.provider("fake", "openai", openAi.url());
        fakeId = fake;
        gw.credential(fake, "sk-fake");
        gw.providerModel(fake, "gpt-4o-mini");
        HttpResponse<String> variants = gw.post(gw.admin("/admin/providers/" + fake + "/models"),
                "{\"model_id\":\"gpt-image-1\",\"variants_json\":[\"gpt-image-1-hd\"]}");
        assertThat(variants.statusCode()).as(variants.body()).isEqualTo(200);
        long anthropic = gw.provider("claude", "claudeapi", claude.url());
        anthropicId = anthropic;
        gw.credential(anthropic, "sk-ant");
        gw.providerModel(anthropic, FakeResponses.CLAUDE_MODEL);
        long smart = gw.route("smart", "failover", "{}");
        gw.routeMember(smart, fake, "gpt-4o-mini", 0, 100);
        gw.alias("gpt-.*", "fake/gpt-4o-mini");
        key = gw.userKey("names-user");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openAi.close();
    }

    private static HttpResponse<String> chat(String path, String model) {
        return gw.post(gw.request(path).header("Authorization", "Bearer " + key),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    /** The model the upstream was asked for, after a chat through the gateway answered 200. */
    private static String upstreamModelFor(String path, String model) {
        openAi.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));
        HttpResponse<String> res = chat(path, model);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = openAi.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        return sent.bodyJson().path("model").asText();
    }

    @Test
    void providerSlashModelGoesToThatProviderWithTheModelPart() {
        assertThat(upstreamModelFor("/v1/chat/completions", "fake/gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aNamedVariantIsCalledAsItsBaseModel() {
        assertThat(upstreamModelFor("/v1/chat/completions", "fake/gpt-image-1-hd")).isEqualTo("gpt-image-1");
    }

    @Test
    void aRouteNameGoesToItsMemberWithTheMembersUpstreamModel() {
        assertThat(upstreamModelFor("/v1/chat/completions", "smart")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aGlobalAliasRewritesTheWholeNameBeforeResolution() {
        assertThat(upstreamModelFor("/v1/chat/completions", "gpt-4-turbo")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anAliasMustMatchTheWholeName() {
        HttpResponse<String> res = chat("/v1/chat/completions", "my-gpt-4");
        assertThat(res.statusCode()).isEqualTo(404);
    }

    @Test
    void aCallNoProviderOfTheModelCanServeIs501InTheCallersEnvelope() {
        // the operator turns the provider's Claude cells off: nothing is left that could serve them
        for (JsonNode rule : TestGateway.json(gw.send(gw.admin("/admin/providers/" + fakeId + "/routing-rules")))) {
            if (rule.path("kind").asText().equals("claude_messages")) {
                HttpResponse<String> off = gw.post(gw.admin("/admin/providers/" + fakeId + "/routing-rules"),
                        "{\"id\":" + rule.path("id").asLong() + ",\"implementation\":\"unsupported\"}");
                assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            }
        }
        int before = openAi.requestCount();
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"fake/gpt-4o-mini\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(501);
        assertThat(TestGateway.json(res).path("type").asText()).isEqualTo("error");
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("unsupported_operation");
        assertThat(openAi.requestCount()).isEqualTo(before);
        gw.post(gw.admin("/admin/providers/" + fakeId + "/routing-rules/reset"), "{}");
    }

    @Test
    void theScopedMountTakesTheBareModelOfItsProvider() {
        assertThat(upstreamModelFor("/fake/v1/chat/completions", "gpt-4o-mini")).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anUnknownProviderOnTheScopedMountIs404() {
        HttpResponse<String> res = chat("/nobody/v1/chat/completions", "gpt-4o-mini");
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("unknown_provider");
    }

    @Test
    void anUnknownModelIs404InTheOpenAiEnvelope() {
        HttpResponse<String> res = chat("/v1/chat/completions", "nobody-knows");

        assertThat(res.statusCode()).isEqualTo(404);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("type").asText()).isEqualTo("not_found_error");
        assertThat(error.path("code").asText()).isEqualTo("unknown_model");
        assertThat(error.path("message").asText()).contains("nobody-knows");
    }

    @Test
    void anUnknownModelIs404InTheAnthropicEnvelope() {
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"), "{\"model\":\"nobody-knows\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).isEqualTo(404);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void theOpenAiModelListNamesRoutesLiteralAliasesAndCatalogueModels() {
        int before = openAi.requestCount();
        HttpResponse<String> res = gw.send(gw.request("/v1/models").header("Authorization", "Bearer " + key));

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("id"))
                .contains("smart", "fake/gpt-4o-mini", "fake/gpt-image-1", "fake/gpt-image-1-hd",
                        "claude/" + FakeResponses.CLAUDE_MODEL)
                .doesNotContain("gpt-.*");
        assertThat(body.at("/data/0/object").asText()).isEqualTo("model");
        assertThat(openAi.requestCount()).as("answered locally").isEqualTo(before);
    }

    @Test
    void anAnthropicClientGetsTheModelListInAnthropicsShape() {
        HttpResponse<String> res = gw.send(gw.request("/v1/models").header("x-api-key", key)
                .header("anthropic-version", "2023-06-01"));

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.has("object")).isFalse();
        assertThat(body.path("has_more").asBoolean(true)).isFalse();
        assertThat(body.at("/data/0/type").asText()).isEqualTo("model");
        assertThat(body.path("data").findValuesAsText("id")).contains("claude/" + FakeResponses.CLAUDE_MODEL);
        assertThat(body.path("first_id").asText()).isEqualTo(body.at("/data/0/id").asText());
    }

    @Test
    void theGeminiModelListUsesModelsSlashNames() {
        HttpResponse<String> res = gw.send(gw.request("/v1beta/models").header("x-goog-api-key", key));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(res).path("models").findValuesAsText("name")).contains("models/smart",
                "models/fake/gpt-4o-mini");
    }

    @Test
    void theScopedModelListOfALocalRuleNamesOnlyThatProvidersModels() {
        // the channel's default converts an OpenAI list to Claude's upstream list; local answers from the catalogue
        JsonNode rules = TestGateway.json(gw.send(gw.admin("/admin/providers/" + anthropicId + "/routing-rules")));
        for (JsonNode rule : rules) {
            if (rule.path("operation").asText().equals("list_models") && rule.path("kind").asText().equals("open_ai")) {
                assertThat(gw.post(gw.admin("/admin/providers/" + anthropicId + "/routing-rules"), "{\"id\":"
                        + rule.path("id").asLong() + ",\"implementation\":\"local\"}").statusCode()).isEqualTo(200);
            }
        }
        int before = claude.requestCount();

        HttpResponse<String> res = gw.send(gw.request("/claude/v1/models").header("Authorization", "Bearer " + key));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(claude.requestCount()).as("local: the upstream is not asked").isEqualTo(before);
        assertThat(TestGateway.json(res).path("data").findValuesAsText("id"))
                .containsExactly(FakeResponses.CLAUDE_MODEL);
    }

    @Test
    void oneModelByIdAndAnUnknownOne() {
        HttpResponse<String> found = gw.send(gw.request("/v1/models/smart").header("Authorization", "Bearer " + key));
        HttpResponse<String> missing = gw.send(gw.request("/v1/models/nope").header("Authorization", "Bearer " + key));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(found).path("id").asText()).isEqualTo("smart");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestGateway.json(missing).at("/error/type").asText()).isEqualTo("not_found_error");
    }
}
