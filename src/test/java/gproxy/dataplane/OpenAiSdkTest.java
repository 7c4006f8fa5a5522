package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputtokens.InputTokenCountParams;

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
 * The official OpenAI Java SDK, pointed at the gateway's {@code /v1} with a gateway key, against an
 * OpenAI-channel provider: what the SDK parses, and what of its request reaches the upstream.
 */
class OpenAiSdkTest {
    private static final String MODEL = "fake/" + FakeResponses.OPENAI_MODEL;
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;
    private static OpenAIClient sdk;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        long provider = gw.provider("fake", "openai", upstream.url());
        gw.credential(provider, "sk-upstream-openai");
        gw.providerModel(provider, FakeResponses.OPENAI_MODEL);
        key = gw.userKey("sdk-user");
        sdk = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/v1").toString()).apiKey(key).maxRetries(0).build();
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        gw.close();
        upstream.close();
    }

    private static ChatCompletionCreateParams chat() {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("hi").build();
    }

    @Test
    void chatCompletionParsesAndTheUpstreamSeesItsOwnKeyAndModel() {
        upstream.enqueue(FakeResponses.openAiChat("hello from upstream", Usage.of(9, 4)));

        ChatCompletion completion = sdk.chat().completions().create(chat());

        assertThat(completion.choices().get(0).message().content()).contains("hello from upstream");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(13);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).contains("Bearer sk-upstream-openai");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
        assertThat(sent.bodyJson().at("/messages/0/content").asText()).isEqualTo("hi");
    }

    @Test
    void theSdksOwnTelemetryHeadersStayBehindWhileContentHeadersPass() {
        // Control: called directly, the SDK does send its x-stainless-* headers.
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));
        OpenAIClient direct = OpenAIOkHttpClient.builder().baseUrl(upstream.url("/v1").toString())
                .apiKey("sk-direct").maxRetries(0).build();
        try {
            direct.chat().completions().create(chat());
        } finally {
            direct.close();
        }
        assertThat(upstream.takeRequest().headers().keySet()).anyMatch(h -> h.toLowerCase().startsWith("x-stainless"));
        upstream.enqueue(FakeResponses.openAiChat("ok", Usage.of(1, 1)));

        sdk.chat().completions().create(chat());

        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(sent.header("user-agent")).hasValueSatisfying(v -> assertThat(v).contains("OpenAI"));
        assertThat(sent.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-stainless"))
                .noneMatch(h -> h.equalsIgnoreCase("x-api-key"));
        assertThat(sent.headers().get("authorization")).containsExactly("Bearer sk-upstream-openai");
    }

    @Test
    void streamedChatCompletionArrivesChunkByChunk() {
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("Hel", "lo", "!"), Usage.of(5, 3)));

        List<String> deltas;
        try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(chat())) {
            deltas = stream.stream().flatMap(c -> c.choices().stream())
                    .flatMap(c -> c.delta().content().stream()).filter(s -> !s.isEmpty()).toList();
        }

        assertThat(deltas).containsExactly("Hel", "lo", "!");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.bodyJson().path("stream").asBoolean()).isTrue();
        assertThat(sent.header("accept")).hasValueSatisfying(v -> assertThat(v).contains("text/event-stream"));
    }

    @Test
    void responsesCallParsesTheResponseObject() {
        upstream.enqueue(FakeResponses.openAiResponses("a response", Usage.of(7, 2)));

        Response response = sdk.responses().create(ResponseCreateParams.builder().model(MODEL).input("hi").build());

        String text = response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow()
                .text();
        assertThat(text).isEqualTo("a response");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
        assertThat(sent.bodyJson().path("input").asText()).isEqualTo("hi");
    }

    @Test
    void streamedResponsesDeliverEveryTextDeltaAndTheCompletedEvent() {
        upstream.enqueue(FakeResponses.openAiResponsesStream(List.of("one ", "two"), Usage.of(4, 2)));

        List<String> deltas;
        Optional<Response> completed;
        try (StreamResponse<ResponseStreamEvent> stream = sdk.responses().createStreaming(
                ResponseCreateParams.builder().model(MODEL).input("hi").build())) {
            List<ResponseStreamEvent> events = stream.stream().toList();
            deltas = events.stream().flatMap(e -> e.outputTextDelta().stream()).map(d -> d.delta()).toList();
            completed = events.stream().flatMap(e -> e.completed().stream()).map(c -> c.response()).findFirst();
        }

        assertThat(deltas).containsExactly("one ", "two");
        assertThat(completed).hasValueSatisfying(r -> assertThat(r.usage().orElseThrow().totalTokens()).isEqualTo(6));
        assertThat(upstream.takeRequest().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamCutByTheUpstreamMakesTheSdkRaiseInsteadOfEndingQuietly() {
        // role chunk and "par", then the connection drops
        upstream.enqueue(FakeResponses.openAiChatStream(List.of("par", "tial"), Usage.of(5, 2)).disconnectAfterEvents(2));

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(chat())) {
                stream.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().content().stream())
                        .filter(t -> !t.isEmpty()).forEach(seen::add);
            }
        }).isInstanceOf(OpenAIException.class).hasMessageContaining("upstream stream ended unexpectedly");
        assertThat(seen).containsExactly("par");
        upstream.takeRequest();
    }

    @Test
    void anUnknownModelIsTheSdksNotFoundError() {
        assertThatThrownBy(() -> sdk.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("nobody/none").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void embeddingsPassThroughToTheProvidersEmbeddingsEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,"
                + "\"embedding\":[0.25,-0.5]}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,"
                + "\"total_tokens\":1}}"));

        CreateEmbeddingResponse embedding = sdk.embeddings().create(EmbeddingCreateParams.builder()
                .model("fake/text-embedding-3-small").input("hi").build());

        assertThat(embedding.data().get(0).embedding()).containsExactly(0.25f, -0.5f);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/embeddings");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void anSdkPointedAtTheScopedMountUsesBareModelNames() {
        upstream.enqueue(FakeResponses.openAiChat("scoped", Usage.of(1, 1)));
        OpenAIClient scoped = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/fake/v1").toString()).apiKey(key)
                .maxRetries(0).build();
        try {
            ChatCompletion completion = scoped.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(FakeResponses.OPENAI_MODEL).addUserMessage("hi").build());
            assertThat(completion.choices().get(0).message().content()).contains("scoped");
        } finally {
            scoped.close();
        }
        assertThat(upstream.takeRequest().bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
    }

    @Test
    void theSdkListsTheGatewaysModels() {
        int before = upstream.requestCount();

        List<String> ids = sdk.models().list().data().stream().map(m -> m.id()).toList();

        assertThat(ids).contains(MODEL);
        assertThat(upstream.requestCount()).as("answered by the gateway").isEqualTo(before);
    }

    @Test
    void theSdkRetrievesOneOfTheGatewaysModelsByItsSlashedName() {
        int before = upstream.requestCount();

        Model model = sdk.models().retrieve(MODEL);

        assertThat(model.id()).isEqualTo(MODEL);
        assertThat(upstream.requestCount()).as("answered by the gateway").isEqualTo(before);
    }

    @Test
    void imageGenerationPassesThroughToTheProvidersImagesEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"created\":1700000000,\"data\":[{\"b64_json\":\"aGk=\"}]}"));

        ImagesResponse images = sdk.images().generate(ImageGenerateParams.builder().model("fake/gpt-image-1")
                .prompt("a lighthouse").build());

        assertThat(images.data().orElseThrow().get(0).b64Json()).contains("aGk=");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/images/generations");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-image-1");
        assertThat(sent.bodyJson().path("prompt").asText()).isEqualTo("a lighthouse");
    }

    @Test
    void responsesInputTokenCountingReachesTheInputTokensEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"object\":\"response.input_tokens\",\"input_tokens\":11}"));

        long tokens = sdk.responses().inputTokens().count(InputTokenCountParams.builder().model(MODEL)
                .input("count me").build()).inputTokens();

        assertThat(tokens).isEqualTo(11);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/responses/input_tokens");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.OPENAI_MODEL);
    }

    @Test
    void aBadKeyIsTheSdksUnauthorizedErrorWithTheGatewaysMessageAndRequestId() {
        int before = upstream.requestCount();
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(gw.uri("/v1").toString())
                .apiKey("sk-not-a-gateway-key").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> wrong.chat().completions().create(chat()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("invalid or missing API key");
                        assertThat(e.code()).contains("invalid_api_key");
                        List<String> gatewayId = e.headers().values("x-gproxy-request-id");
                        assertThat(gatewayId).hasSize(1);
                        // the header the SDKs read their request id from carries the gateway's
                        assertThat(e.headers().values("x-request-id")).isEqualTo(gatewayId);
                    });
        } finally {
            wrong.close();
        }
        assertThat(upstream.requestCount()).isEqualTo(before);
    }
}
