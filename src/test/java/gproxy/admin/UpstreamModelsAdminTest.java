package gproxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/providers/{id}/upstream-models} against a fake upstream on loopback. */
class UpstreamModelsAdminTest {
    private static final String OPENAI_LIST = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\","
            + "\"owned_by\":\"openai\"},{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"owned_by\":\"openai\"}]}";
    private static TestGateway gw;
    private FakeUpstream upstream;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @BeforeEach
    void startUpstream() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void anOpenAiStyleListIsFetchedWithTheCredentialAndNormalised() {
        long id = provider("oai-list", "openai", "sk-openai-list-secret");
        upstream.enqueue(FakeResponse.json(OPENAI_LIST));

        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/" + id + "/upstream-models"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("upstream_status").asInt()).isEqualTo(200);
        assertThat(body.path("models")).extracting(m -> m.path("id").asText()).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(body.at("/models/0").has("display_name")).isFalse();
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.target()).isEqualTo("/v1/models");
        assertThat(sent.header("authorization")).contains("Bearer sk-openai-list-secret");
        assertThat(res.body()).doesNotContain("sk-openai-list-secret");
    }

    @Test
    void aGeminiStyleListIsReadFromModelsWithTheirDisplayNames() {
        long id = provider("gemini-list", "aistudio", "gemini-key-123");
        upstream.enqueue(FakeResponse.json("{\"models\":[{\"name\":\"models/gemini-2.5-flash\",\"displayName\":"
                + "\"Gemini 2.5 Flash\",\"supportedGenerationMethods\":[\"generateContent\"]},"
                + "{\"name\":\"models/text-embedding-004\",\"displayName\":\"Text Embedding 004\"}]}"));

        JsonNode body = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id + "/upstream-models")));

        assertThat(body.path("models").get(0).path("id").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(body.path("models").get(0).path("display_name").asText()).isEqualTo("Gemini 2.5 Flash");
        assertThat(body.path("models")).hasSize(2);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1beta/models");
        assertThat(sent.query()).isEqualTo("pageSize=1000");
        assertThat(sent.header("x-goog-api-key")).contains("gemini-key-123");
    }

    @Test
    void anAnthropicStyleListAsksForALargePage() {
        long id = provider("claude-list", "anthropic", "sk-ant-list");
        upstream.enqueue(FakeResponse.json("{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\","
                + "\"display_name\":\"Claude Sonnet 4.5\"}],\"has_more\":false}"));

        JsonNode body = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id + "/upstream-models")));

        assertThat(body.at("/models/0/display_name").asText()).isEqualTo("Claude Sonnet 4.5");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1/models?limit=1000");
        assertThat(sent.header("x-api-key")).contains("sk-ant-list");
    }

    @Test
    void anUpstreamRefusalIsA502WithItsStatusAndWithoutTheSecret() {
        String secret = "sk-refused-secret-987";
        long id = provider("oai-refused", "openai", secret);
        upstream.enqueue(FakeResponses.openAiError(401, "Incorrect API key provided: " + secret));

        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/" + id + "/upstream-models"));

        assertThat(res.statusCode()).isEqualTo(502);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("upstream_status").asInt()).isEqualTo(401);
        assertThat(error.path("code").asText()).isEqualTo("upstream_error");
        assertThat(error.path("message").asText()).contains("401");
        assertThat(res.body()).doesNotContain(secret).doesNotContain("Incorrect API key");
    }

    @Test
    void anUnreachableUpstreamIsA502NamingOnlyItsOrigin() {
        long id = TestGateway.json(gw.post(gw.admin("/admin/providers"), "{\"name\":\"oai-down\",\"channel\":"
                + "\"openai\",\"settings_json\":{\"base_url\":\"" + FakeUpstream.refusedUrl() + "\"}}")).path("id").asLong();
        gw.post(gw.admin("/admin/providers/" + id + "/credentials"), "{\"secret_json\":{\"api_key\":\"sk-down\"}}");

        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/" + id + "/upstream-models"));

        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("upstream_unreachable");
        assertThat(res.body()).doesNotContain("sk-down");
    }

    @Test
    void persistAppendsNewIdsAndKeepsTheOnesTheUpstreamNoLongerLists() {
        long id = provider("oai-persist", "openai", "sk-persist");
        gw.post(gw.admin("/admin/providers/" + id + "/models"), "{\"model_id\":\"gpt-4o\",\"display_name\":\"mine\"}");
        gw.post(gw.admin("/admin/providers/" + id + "/models"), "{\"model_id\":\"retired-model\"}");
        upstream.enqueue(FakeResponse.json(OPENAI_LIST));
        long revision = gw.gateway().controlPlane().current().revision();

        JsonNode body = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id + "/upstream-models?persist=true")));

        assertThat(body.path("added")).extracting(JsonNode::asText).containsExactly("gpt-4o-mini");
        JsonNode stored = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id + "/models")));
        assertThat(stored).extracting(m -> m.path("model_id").asText())
                .containsExactly("gpt-4o", "retired-model", "gpt-4o-mini");
        assertThat(stored.get(0).path("display_name").asText()).isEqualTo("mine");
        assertThat(gw.gateway().controlPlane().current().revision()).isGreaterThan(revision);
        assertThat(gw.gateway().controlPlane().current().routing().provider(id).orElseThrow().models())
                .contains("gpt-4o-mini");
    }

    @Test
    void persistingAListWithNothingNewWritesNothing() {
        long id = provider("oai-same", "openai", "sk-same");
        gw.post(gw.admin("/admin/providers/" + id + "/models"), "{\"model_id\":\"gpt-4o\"}");
        gw.post(gw.admin("/admin/providers/" + id + "/models"), "{\"model_id\":\"gpt-4o-mini\"}");
        upstream.enqueue(FakeResponse.json(OPENAI_LIST));
        long revision = gw.gateway().store().revision();

        JsonNode body = TestGateway.json(gw.send(gw.admin("/admin/providers/" + id + "/upstream-models?persist=true")));

        assertThat(body.path("added")).isEmpty();
        assertThat(gw.gateway().store().revision()).isEqualTo(revision);
    }

    @Test
    void aProviderWithoutAUsableCredentialIsRefusedBeforeAnyCall() {
        long id = TestGateway.json(gw.post(gw.admin("/admin/providers"), "{\"name\":\"no-cred\",\"channel\":\"openai\","
                + "\"settings_json\":{\"base_url\":\"" + upstream.url() + "\"}}")).path("id").asLong();
        gw.post(gw.admin("/admin/providers/" + id + "/credentials"),
                "{\"enabled\":false,\"secret_json\":{\"api_key\":\"sk-off\"}}");

        HttpResponse<String> res = gw.send(gw.admin("/admin/providers/" + id + "/upstream-models"));

        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(TestGateway.json(res).at("/error/code").asText()).isEqualTo("no_credential");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void anUnknownProviderIs404AndABadPersistFlagIs400() {
        assertThat(gw.send(gw.admin("/admin/providers/987654/upstream-models")).statusCode()).isEqualTo(404);
        HttpResponse<String> bad = gw.send(gw.admin("/admin/providers/987654/upstream-models?persist=yes"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(bad).at("/error/field").asText()).isEqualTo("persist");
    }

    /** A provider pointed at the fake upstream, with one credential holding {@code apiKey}. */
    private long provider(String name, String channel, String apiKey) {
        HttpResponse<String> created = gw.post(gw.admin("/admin/providers"), "{\"name\":\"" + name
                + "\",\"channel\":\"" + channel + "\",\"settings_json\":{\"base_url\":\"" + upstream.url() + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        long id = TestGateway.json(created).path("id").asLong();
        HttpResponse<String> credential = gw.post(gw.admin("/admin/providers/" + id + "/credentials"),
                "{\"secret_json\":{\"api_key\":\"" + apiKey + "\"}}");
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(200);
        return id;
    }
}
