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

/** Cross-dialect traffic: the request is converted on the way up and the answer on the way back. */
class ConversionTest {
    private static FakeUpstream claude;
    private static FakeUpstream openai;
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        claude = FakeUpstream.start();
        openai = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("anthropic", "claudeapi", claude.url()), "sk-ant-upstream");
        gw.credential(gw.provider("oai", "openai", openai.url()), "sk-oai-upstream");
        key = gw.userKey("carol");
    }

    @AfterAll
    static void stop() {
        gw.close();
        claude.close();
        openai.close();
    }

    @Test
    void anOpenAiChatClientReachesAClaudeModelAndGetsAChatCompletion() {
        claude.enqueue(FakeResponses.claudeMessage("bonjour", Usage.of(20, 4)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                        + "{\"role\":\"user\",\"content\":\"hello\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("bonjour");
        assertThat(body.at("/usage/prompt_tokens").asLong()).isEqualTo(20);
        assertThat(body.at("/usage/completion_tokens").asLong()).isEqualTo(4);
        RecordedRequest sent = claude.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).contains("sk-ant-upstream");
        JsonNode upstreamBody = sent.bodyJson();
        assertThat(upstreamBody.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(upstreamBody.path("system").toString()).contains("be brief");
        assertThat(upstreamBody.path("max_tokens").asInt()).isPositive();
    }

    @Test
    void aStreamingChatClientGetsChatChunksFromAClaudeStream() {
        claude.enqueue(FakeResponses.claudeStream(List.of("one ", "two"), Usage.of(9, 2)));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"count\"}]}");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(res.body()).contains("chat.completion.chunk", "\"content\":\"one \"", "\"content\":\"two\"")
                .endsWith("data: [DONE]\n\n");
        assertThat(claude.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anAnthropicClientReachesAnOpenAiModelAndGetsAMessage() {
        openai.enqueue(FakeResponses.openAiChat("hi from gpt", Usage.of(7, 3)));
        HttpResponse<String> res = gw.post(gw.request("/v1/messages").header("x-api-key", key)
                        .header("anthropic-version", "2023-06-01"),
                "{\"model\":\"oai/gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = TestGateway.json(res);
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("hi from gpt");
        RecordedRequest sent = openai.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer sk-oai-upstream");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void aGeminiClientReachesAnOpenAiModelThroughItsPreferredResponsesApi() {
        openai.enqueue(FakeResponses.openAiResponses("hola", Usage.of(5, 1)));
        HttpResponse<String> res = gw.post(gw.request("/v1beta/models/oai/gpt-4o-mini:generateContent")
                        .header("x-goog-api-key", key),
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("hola");
        RecordedRequest sent = openai.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.bodyJson().at("/input/0/content/0/text").asText()).isEqualTo("hi");
    }

    @Test
    void anUpstreamClientErrorComesBackInTheCallersDialectWithTheUpstreamsMessage() {
        claude.enqueue(FakeResponses.claudeError(400, "max_tokens: too large"));
        HttpResponse<String> res = gw.post(gw.request("/v1/chat/completions").header("Authorization", "Bearer " + key),
                "{\"model\":\"anthropic/claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

        assertThat(res.statusCode()).isEqualTo(400);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("message").asText()).isEqualTo("max_tokens: too large");
        assertThat(error.path("code").asText()).isEqualTo("upstream_error");
    }
}
