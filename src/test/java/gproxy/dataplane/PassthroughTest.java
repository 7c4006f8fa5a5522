package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Same-dialect traffic through the whole gateway to a fake upstream on loopback. */
class PassthroughTest {
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        long provider = gw.provider("fake", "openai", upstream.url());
        gw.credential(provider, "sk-upstream-1");
        key = gw.userKey("alice");
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    private static HttpResponse<String> chat(String body) {
        return gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key), body);
    }

    @Test
    void chatCompletionReachesTheUpstreamWithItsOwnKeyAndTheUpstreamModel() {
        upstream.enqueue(FakeResponses.openAiChat("hello there", Usage.of(12, 3)));
        HttpResponse<String> res = chat("{\"model\":\"fake/gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"temperature\":0.2}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).at("/choices/0/message/content").asText()).isEqualTo("hello there");
        assertThat(res.headers().firstValue("x-gproxy-request-id")).isPresent();
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer sk-upstream-1");
        assertThat(sent.bodyText()).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"temperature\":0.2}");
    }

    @Test
    void streamedChatArrivesEventByEventAndEndsWithDone() {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("a", "b", "c"), Usage.of(5, 3)));
        HttpResponse<String> res = chat("{\"model\":\"fake/gpt-4o-mini\",\"stream\":true,\"messages\":[]}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(res.body()).contains("\"content\":\"a\"", "\"content\":\"c\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void theUpstreamsOwnClientErrorIsPassedBackAsItIs() {
        upstream.enqueue(FakeResponses.openAiError(400, "bad temperature"));
        HttpResponse<String> res = chat("{\"model\":\"fake/gpt-4o-mini\",\"messages\":[]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("bad temperature");
    }

    @Test
    void aWrongGatewayKeyIs401InTheOpenAiShape() {
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions")
                .header("Authorization", "Bearer sk-wrong"), "{\"model\":\"fake/gpt-4o-mini\"}");
        assertThat(res.statusCode()).isEqualTo(401);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void anUnknownModelIs404() {
        HttpResponse<String> res = chat("{\"model\":\"nobody/none\",\"messages\":[]}");
        assertThat(res.statusCode()).isEqualTo(404);
    }

    @Test
    void theModelListNamesProviderModelsAndRoutes() {
        HttpResponse<String> res = gw.send(gw.request("/v1/models").header("Authorization", "Bearer " + key));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(TestGateway.json(res).path("object").asText()).isEqualTo("list");
    }
}
