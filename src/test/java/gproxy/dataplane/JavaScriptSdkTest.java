package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.testing.FakeResponse;
import gproxy.testing.FakeResponses;
import gproxy.testing.FakeUpstream;
import gproxy.testing.RecordedRequest;
import gproxy.testing.TestGateway;
import gproxy.testing.Usage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vendors' official JavaScript SDKs ({@code openai}, {@code @anthropic-ai/sdk},
 * {@code @google/genai}, pinned in {@code src/test/js/package-lock.json}) run by Node, unmodified
 * but for their base URL, with a gateway key: what each SDK parses, and what of its request reaches
 * the fake upstream. Skips without node and npm, except under {@code CI=true}, where it fails.
 */
class JavaScriptSdkTest {
    private static final String OPENAI = "fake/" + FakeResponses.OPENAI_MODEL;
    private static final String CLAUDE = "claude/" + FakeResponses.CLAUDE_MODEL;
    private static final String GEMINI = "gem/" + FakeResponses.GEMINI_MODEL;
    private static NodeSdks node;
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        node = NodeSdks.install();
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        long openAi = gw.provider("fake", "openai", upstream.url());
        gw.credential(openAi, "sk-upstream-openai");
        gw.providerModel(openAi, FakeResponses.OPENAI_MODEL);
        long claude = gw.provider("claude", "claudeapi", upstream.url());
        gw.credential(claude, "sk-ant-upstream");
        gw.providerModel(claude, FakeResponses.CLAUDE_MODEL);
        long gemini = gw.provider("gem", "aistudio", upstream.url());
        gw.credential(gemini, "AIza-upstream");
        gw.providerModel(gemini, FakeResponses.GEMINI_MODEL);
        key = gw.userKey("js-user");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
            upstream.close();
        }
    }

    private static JsonNode openAi(String caseName, String model) {
        return node.run("openai.mjs", caseName, gw.uri("/v1").toString(), key, model);
    }

    private static JsonNode anthropic(String caseName) {
        return node.run("anthropic.mjs", caseName, gw.uri("").toString(), key, CLAUDE);
    }

    private static JsonNode gemini(String caseName, String model) {
        return node.run("gemini.mjs", caseName, gw.uri("").toString(), key, model);
    }

    private static void assertNoClientSecretsOrTelemetry(RecordedRequest sent) {
        assertThat(sent.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-stainless"))
                .noneMatch(h -> h.equalsIgnoreCase("x-goog-api-client"));
        assertThat(sent.headers().values().stream().flatMap(List::stream)).noneMatch(v -> v.contains(key));
        assertThat(sent.target()).doesNotContain(key);
    }

    // OpenAI

    @Test
    void openAiChatParsesAndTheUpstreamSeesItsOwnKeyAndModel() {
        upstream.enqueue(FakeResponses.openAiChat("hello from upstream", Usage.of(9, 4)));

        JsonNode out = openAi("chat", OPENAI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("hello from upstream");
        assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(13);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
        assertThat(sent.headers().get("authorization")).containsExactly("Bearer sk-upstream-openai");
        assertThat(sent.header("user-agent")).hasValueSatisfying(v -> assertThat(v).startsWith("OpenAI/JS"));
        assertNoClientSecretsOrTelemetry(sent);
    }

    @Test
    void openAiChatStreamArrivesAsSeveralChunksWithTheUsageChunk() {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("Hel", "lo", "!"), Usage.of(5, 3)));

        JsonNode out = openAi("chat-stream", OPENAI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("Hello!");
        assertThat(out.path("chunks").asInt()).isEqualTo(3);
        assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(8);
        assertThat(sent.bodyJson().path("stream").asBoolean()).isTrue();
        assertNoClientSecretsOrTelemetry(sent);
    }

    @Test
    void openAiResponsesParsesTheOutputText() {
        upstream.enqueue(FakeResponses.openAiResponses("a response", Usage.of(7, 2)));

        JsonNode out = openAi("responses", OPENAI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("a response");
        assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(9);
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
    }

    @Test
    void openAiResponsesStreamDeliversEveryDeltaAndTheCompletedUsage() {
        upstream.enqueue(FakeResponses.openAiResponsesStream(List.of("one ", "two"), Usage.of(4, 2)));

        JsonNode out = openAi("responses-stream", OPENAI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("one two");
        assertThat(out.path("chunks").asInt()).isEqualTo(2);
        assertThat(out.at("/usage/total_tokens").asInt()).isEqualTo(6);
        assertThat(sent.bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void openAiEmbeddingsReachTheProvidersEmbeddingsEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.25,-0.5]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,"
                + "\"total_tokens\":1}}"));

        JsonNode out = openAi("embeddings", "fake/text-embedding-3-small");
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("embedding").toString()).isEqualTo("[0.25,-0.5]");
        assertThat(out.at("/usage/prompt_tokens").asInt()).isEqualTo(1);
        assertThat(sent.path()).isEqualTo("/v1/embeddings");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void openAiModelsListAndRetrieveAreAnsweredByTheGateway() {
        int before = upstream.requestCount();

        JsonNode out = openAi("models", OPENAI);

        assertThat(out.path("ids").toString()).contains("\"" + OPENAI + "\"");
        assertThat(out.path("retrieved").asText()).isEqualTo(OPENAI);
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void aBadKeyIsTheOpenAiSdksAuthenticationErrorWithTheGatewaysMessageAndRequestId() {
        int before = upstream.requestCount();

        JsonNode error = node.run("openai.mjs", "chat", gw.uri("/v1").toString(), "sk-wrong", OPENAI).path("error");

        assertThat(error.path("class").asText()).isEqualTo("AuthenticationError");
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(error.path("message").asText()).contains("invalid or missing API key");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.path("requestId").asText()).isNotEmpty().isEqualTo(error.path("gatewayRequestId").asText());
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void anUpstreamClientErrorReachesTheOpenAiSdkAsItsBadRequestErrorWithTheUpstreamsMessage() {
        upstream.enqueue(FakeResponses.openAiError(400, "messages: too short"));

        JsonNode error = openAi("chat", OPENAI).path("error");
        upstream.takeRequest();

        assertThat(error.path("class").asText()).isEqualTo("BadRequestError");
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).contains("messages: too short");
        assertThat(error.path("gatewayRequestId").asText()).isNotEmpty();
    }

    @Test
    void anUpstreamClientErrorReachesTheGenAiSdkAsItsApiErrorWithTheUpstreamsMessage() {
        upstream.enqueue(FakeResponses.geminiError(400, "contents: must not be empty"));

        JsonNode error = gemini("generate", GEMINI).path("error");
        upstream.takeRequest();

        assertThat(error.path("class").asText()).isEqualTo("ApiError");
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).contains("contents: must not be empty");
    }

    // Anthropic

    @Test
    void anthropicMessageParsesAndTheUpstreamGetsTheCredentialInXApiKey() {
        upstream.enqueue(FakeResponses.claudeMessage("hello from claude", Usage.of(10, 5)));

        JsonNode out = anthropic("messages");
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("hello from claude");
        assertThat(out.at("/usage/input_tokens").asInt()).isEqualTo(10);
        assertThat(out.at("/usage/output_tokens").asInt()).isEqualTo(5);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.CLAUDE_MODEL);
        assertThat(sent.headers().get("x-api-key")).containsExactly("sk-ant-upstream");
        // the SDK's own version (1.15.0 sends 2026-10-21) passes, the channel's default stays unused
        assertThat(sent.header("anthropic-version")).contains("2026-10-21");
        assertThat(sent.header("authorization")).isEmpty();
        assertNoClientSecretsOrTelemetry(sent);
    }

    @Test
    void anthropicStreamArrivesAsSeveralTextDeltasWithTheFinalUsage() {
        upstream.enqueue(FakeResponses.claudeStream(List.of("uno ", "dos ", "tres"), Usage.of(8, 3)));

        JsonNode out = anthropic("messages-stream");
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("uno dos tres");
        assertThat(out.path("chunks").asInt()).isEqualTo(3);
        assertThat(out.at("/usage/output_tokens").asInt()).isEqualTo(3);
        assertThat(sent.bodyJson().path("stream").asBoolean()).isTrue();
        assertNoClientSecretsOrTelemetry(sent);
    }

    @Test
    void anthropicTokenCountingReachesTheCountTokensEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"input_tokens\":12}"));

        JsonNode out = anthropic("count-tokens");
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("inputTokens").asInt()).isEqualTo(12);
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.CLAUDE_MODEL);
    }

    @Test
    void anthropicModelsListAndRetrieveAreAnsweredByTheGateway() {
        int before = upstream.requestCount();

        JsonNode out = anthropic("models");

        assertThat(out.path("ids").toString()).contains("\"" + CLAUDE + "\"");
        assertThat(out.path("retrieved").asText()).isEqualTo(CLAUDE);
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void aBadKeyIsTheAnthropicSdksAuthenticationErrorWithTheGatewaysMessageAndRequestId() {
        JsonNode error = node.run("anthropic.mjs", "messages", gw.uri("").toString(), "sk-wrong", CLAUDE)
                .path("error");

        assertThat(error.path("class").asText()).isEqualTo("AuthenticationError");
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(error.path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("message").asText()).contains("invalid or missing API key");
        assertThat(error.path("requestId").asText()).isNotEmpty().isEqualTo(error.path("gatewayRequestId").asText());
    }

    // Gemini

    @Test
    void geminiGenerateContentParsesAndTheUpstreamSeesItsOwnKeyAndModel() {
        upstream.enqueue(FakeResponses.geminiGenerate("hola from gemini", Usage.of(6, 3)));

        JsonNode out = gemini("generate", GEMINI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("hola from gemini");
        assertThat(out.at("/usage/totalTokenCount").asInt()).isEqualTo(9);
        assertThat(sent.target()).isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":generateContent");
        assertThat(sent.headers().get("x-goog-api-key")).containsExactly("AIza-upstream");
        assertNoClientSecretsOrTelemetry(sent);
    }

    @Test
    void geminiStreamArrivesAsSeveralChunksOverSse() {
        upstream.enqueue(FakeResponses.geminiStream(List.of("uno ", "dos ", "tres"), Usage.of(4, 3)));

        JsonNode out = gemini("generate-stream", GEMINI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("text").asText()).isEqualTo("uno dos tres");
        assertThat(out.path("chunks").asInt()).isEqualTo(3);
        assertThat(out.at("/usage/candidatesTokenCount").asInt()).isEqualTo(3);
        assertThat(sent.target())
                .isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":streamGenerateContent?alt=sse");
    }

    @Test
    void geminiCountTokensReachesTheNativeMethod() {
        upstream.enqueue(FakeResponse.json("{\"totalTokens\":4}"));

        JsonNode out = gemini("count-tokens", GEMINI);
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("totalTokens").asInt()).isEqualTo(4);
        assertThat(sent.target())
                .isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":countTokens");
    }

    @Test
    void geminiEmbedContentIsABatchWhoseInnerModelsAreTheUpstreams() {
        upstream.enqueue(FakeResponse.json("{\"embeddings\":[{\"values\":[0.25,-0.5]},{\"values\":[1.0,0.0]}]}"));

        JsonNode out = gemini("embed", "gem/text-embedding-004");
        RecordedRequest sent = upstream.takeRequest();

        assertThat(out.path("embeddings").toString()).isEqualTo("[[0.25,-0.5],[1,0]]");
        assertThat(sent.target()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
        assertThat(sent.bodyJson().at("/requests/0/model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(sent.bodyJson().at("/requests/1/model").asText()).isEqualTo("models/text-embedding-004");
    }

    @Test
    void geminiModelsListAndGetAreAnsweredByTheGateway() {
        int before = upstream.requestCount();

        JsonNode out = gemini("models", GEMINI);

        assertThat(out.path("names").toString()).contains("\"models/" + GEMINI + "\"");
        assertThat(out.path("retrieved").asText()).isEqualTo("models/" + GEMINI);
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void aBadKeyIsTheGenAiSdksApiErrorWithTheGatewaysMessage() {
        JsonNode error = node.run("gemini.mjs", "generate", gw.uri("").toString(), "sk-wrong", GEMINI).path("error");

        assertThat(error.path("class").asText()).isEqualTo("ApiError");
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(error.path("message").asText()).contains("invalid or missing API key").contains("UNAUTHENTICATED");
    }
}
