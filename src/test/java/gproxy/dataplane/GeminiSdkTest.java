package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;

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
 * The official Google Gen AI Java SDK, with only its base URL changed to the gateway's root and the
 * gateway key as its API key, against an {@code aistudio} provider. The SDK addresses the model as
 * {@code v1beta/models/{gateway name}:verb}, sends the key in {@code x-goog-api-key} with its own
 * {@code x-goog-api-client}, streams with {@code ?alt=sse} and embeds with
 * {@code :batchEmbedContents}.
 */
class GeminiSdkTest {
    private static final String MODEL = "gem/" + FakeResponses.GEMINI_MODEL;
    private static final String UPSTREAM_MODEL_PATH = "/v1beta/models/" + FakeResponses.GEMINI_MODEL;
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;
    private static Client sdk;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        long provider = gw.provider("gem", "aistudio", upstream.url());
        gw.credential(provider, "AIza-upstream");
        gw.providerModel(provider, FakeResponses.GEMINI_MODEL);
        key = gw.userKey("genai-user");
        sdk = client(key);
    }

    private static Client client(String apiKey) {
        return Client.builder().apiKey(apiKey)
                .httpOptions(HttpOptions.builder().baseUrl(gw.uri("").toString()).build()).build();
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

    @Test
    void generateContentParsesAndTheUpstreamSeesItsOwnKeyAndModel() {
        upstream.enqueue(FakeResponses.geminiGenerate("hola from gemini", Usage.of(6, 3)));

        GenerateContentResponse response = sdk.models.generateContent(MODEL, "hi", null);

        assertThat(response.text()).isEqualTo("hola from gemini");
        assertThat(response.usageMetadata().orElseThrow().totalTokenCount()).contains(9);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.target()).isEqualTo(UPSTREAM_MODEL_PATH + ":generateContent");
        assertThat(sent.headers().get("x-goog-api-key")).containsExactly("AIza-upstream");
        assertThat(sent.bodyJson().at("/contents/0/parts/0/text").asText()).isEqualTo("hi");
        assertThat(sent.bodyText()).doesNotContain(key);
    }

    @Test
    void theSdksTelemetryHeaderStaysBehindWhileItsUserAgentPasses() {
        upstream.enqueue(FakeResponses.geminiGenerate("ok", Usage.of(1, 1)));
        Client direct = Client.builder().apiKey("AIza-direct")
                .httpOptions(HttpOptions.builder().baseUrl(upstream.url().toString()).build()).build();
        try {
            direct.models.generateContent(FakeResponses.GEMINI_MODEL, "hi", null);
        } finally {
            direct.close();
        }
        // Control: called directly, the SDK does send x-goog-api-client.
        assertThat(upstream.takeRequest().header("x-goog-api-client")).isPresent();
        upstream.enqueue(FakeResponses.geminiGenerate("ok", Usage.of(1, 1)));

        sdk.models.generateContent(MODEL, "hi", null);

        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.header("x-goog-api-client")).isEmpty();
        assertThat(sent.header("user-agent")).hasValueSatisfying(v -> assertThat(v).contains("google-genai-sdk"));
        assertThat(sent.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void generateContentStreamArrivesChunkByChunk() {
        upstream.enqueue(FakeResponses.geminiStream(List.of("uno ", "dos ", "tres"), Usage.of(4, 3)));

        List<String> texts = new ArrayList<>();
        GenerateContentResponse last = null;
        try (ResponseStream<GenerateContentResponse> stream = sdk.models.generateContentStream(MODEL, "hi", null)) {
            for (GenerateContentResponse chunk : stream) {
                texts.add(chunk.text());
                last = chunk;
            }
        }

        assertThat(texts).containsExactly("uno ", "dos ", "tres");
        assertThat(last.usageMetadata().orElseThrow().candidatesTokenCount()).contains(3);
        assertThat(upstream.takeRequest().target()).isEqualTo(UPSTREAM_MODEL_PATH + ":streamGenerateContent?alt=sse");
    }

    @Test
    void countTokensReachesTheNativeMethod() {
        upstream.enqueue(FakeResponse.json("{\"totalTokens\":7}"));

        CountTokensResponse count = sdk.models.countTokens(MODEL, "how many tokens is this", null);

        assertThat(count.totalTokens()).contains(7);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.target()).isEqualTo(UPSTREAM_MODEL_PATH + ":countTokens");
        assertThat(sent.bodyJson().at("/contents/0/parts/0/text").asText()).isEqualTo("how many tokens is this");
    }

    @Test
    void embedContentCallsTheSameMethodUpstreamWithTheUpstreamModelInEachRequest() {
        upstream.enqueue(FakeResponse.json("{\"embeddings\":[{\"values\":[0.25,-0.5]},{\"values\":[1.0,0.0]}]}"));

        EmbedContentResponse embedded = sdk.models.embedContent("gem/text-embedding-004", List.of("a", "b"), null);

        List<List<Float>> values = embedded.embeddings().orElseThrow().stream().map(e -> e.values().orElseThrow())
                .toList();
        assertThat(values).containsExactly(List.of(0.25f, -0.5f), List.of(1.0f, 0.0f));
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
        assertThat(sent.bodyJson().at("/requests/0/model").asText()).isEqualTo("models/text-embedding-004");
        assertThat(sent.bodyJson().at("/requests/1/content/parts/0/text").asText()).isEqualTo("b");
    }

    @Test
    void modelsListAndGetAreAnsweredByTheGatewayInGeminisShape() {
        int before = upstream.requestCount();

        List<String> names = new ArrayList<>();
        sdk.models.list(ListModelsConfig.builder().build()).forEach(m -> names.add(m.name().orElseThrow()));
        Model model = sdk.models.get(MODEL, null);

        assertThat(names).contains("models/" + MODEL);
        assertThat(model.name()).contains("models/" + MODEL);
        assertThat(upstream.requestCount()).as("answered by the gateway").isEqualTo(before);
    }

    @Test
    void theScopedMountTakesTheBareModelName() {
        upstream.enqueue(FakeResponses.geminiGenerate("scoped", Usage.of(1, 1)));
        Client scoped = Client.builder().apiKey(key)
                .httpOptions(HttpOptions.builder().baseUrl(gw.uri("/gem").toString()).build()).build();
        try {
            assertThat(scoped.models.generateContent(FakeResponses.GEMINI_MODEL, "hi", null).text()).isEqualTo("scoped");
        } finally {
            scoped.close();
        }
        assertThat(upstream.takeRequest().target()).isEqualTo(UPSTREAM_MODEL_PATH + ":generateContent");
    }

    @Test
    void aBadKeyIsTheSdksClientErrorWithTheGatewaysMessage() {
        int before = upstream.requestCount();
        Client wrong = client("sk-not-a-gateway-key");
        try {
            assertThatThrownBy(() -> wrong.models.generateContent(MODEL, "hi", null))
                    .isInstanceOfSatisfying(ClientException.class, e -> {
                        assertThat(e.code()).isEqualTo(401);
                        assertThat(e.status()).isEqualTo("UNAUTHENTICATED");
                        assertThat(e.message()).contains("invalid or missing API key");
                    });
        } finally {
            wrong.close();
        }
        assertThat(upstream.requestCount()).isEqualTo(before);
    }

    @Test
    void anUnknownModelIsTheSdksNotFoundClientError() {
        assertThatThrownBy(() -> sdk.models.generateContent("nobody/none", "hi", null))
                .isInstanceOfSatisfying(ClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status()).isEqualTo("NOT_FOUND");
                });
    }
}
