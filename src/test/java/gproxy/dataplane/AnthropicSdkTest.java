package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.models.ModelInfo;

import gproxy.protocol.SseEvent;
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
 * The official Anthropic Java SDK, pointed at the gateway's root (it appends {@code /v1/messages})
 * with a gateway key as its API key, against a {@code claudeapi} provider. This SDK version sends
 * the key as {@code Authorization: Bearer} (not {@code x-api-key}) and its own
 * {@code anthropic-version}; raw {@code x-api-key} callers are covered by the hygiene tests.
 */
class AnthropicSdkTest {
    private static final String MODEL = "claude/" + FakeResponses.CLAUDE_MODEL;
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static AnthropicClient sdk;
    private static String key;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        long provider = gw.provider("claude", "claudeapi", upstream.url());
        gw.credential(provider, "sk-ant-upstream");
        gw.providerModel(provider, FakeResponses.CLAUDE_MODEL);
        key = gw.userKey("claude-user");
        sdk = AnthropicOkHttpClient.builder().baseUrl(gw.uri("").toString()).apiKey(key).maxRetries(0).build();
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

    private static MessageCreateParams message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(64).addUserMessage("hi").build();
    }

    @Test
    void messageParsesAndTheUpstreamGetsTheCredentialInXApiKey() {
        upstream.enqueue(FakeResponses.claudeMessage("hello from claude", Usage.of(10, 5)));

        Message message = sdk.messages().create(message(MODEL));

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("hello from claude");
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.headers().get("x-api-key")).containsExactly("sk-ant-upstream");
        assertThat(sent.header("authorization")).isEmpty();
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.CLAUDE_MODEL);
        assertThat(sent.bodyJson().path("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void theClientsAnthropicVersionPassesAndTheSdkTelemetryDoesNot() {
        // Control: called directly, the SDK sends anthropic-version and its x-stainless-* headers.
        upstream.enqueue(FakeResponses.claudeMessage("ok", Usage.of(1, 1)));
        AnthropicClient direct = AnthropicOkHttpClient.builder().baseUrl(upstream.url().toString())
                .apiKey("sk-direct").maxRetries(0).build();
        try {
            direct.messages().create(message(FakeResponses.CLAUDE_MODEL));
        } finally {
            direct.close();
        }
        RecordedRequest control = upstream.takeRequest();
        assertThat(control.header("anthropic-version")).isPresent();
        assertThat(control.headers().keySet()).anyMatch(h -> h.toLowerCase().startsWith("x-stainless"));
        upstream.enqueue(FakeResponses.claudeMessage("ok", Usage.of(1, 1)));

        sdk.messages().create(message(MODEL));

        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.header("anthropic-version")).isEqualTo(control.header("anthropic-version"));
        assertThat(sent.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-stainless"));
    }

    @Test
    void streamedMessageDeliversEveryTextDelta() {
        upstream.enqueue(FakeResponses.claudeStream(List.of("Bon", "jour"), Usage.of(8, 2)));

        List<String> deltas;
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(message(MODEL))) {
            deltas = stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                    .flatMap(d -> d.delta().text().stream()).map(t -> t.text()).toList();
        }

        assertThat(deltas).containsExactly("Bon", "jour");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.bodyJson().path("stream").asBoolean()).isTrue();
        assertThat(sent.header("accept")).hasValueSatisfying(v -> assertThat(v).contains("text/event-stream"));
    }

    @Test
    void aStreamCutByTheUpstreamMakesTheSdkRaiseInsteadOfEndingQuietly() {
        FakeResponse cut = FakeResponses.claudeStream(List.of("par", "tial", "never"), Usage.of(8, 3))
                .disconnectAfterEvents(4);
        upstream.enqueue(cut);

        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(message(MODEL))) {
                stream.stream().flatMap(e -> e.contentBlockDelta().stream())
                        .flatMap(d -> d.delta().text().stream()).forEach(t -> seen.add(t.text()));
            }
        }).isInstanceOf(AnthropicException.class).hasMessageContaining("upstream stream ended unexpectedly");
        assertThat(seen).containsExactly("par");
        upstream.takeRequest();
    }

    @Test
    void anErrorEventTheUpstreamSendsMidStreamReachesTheSdk() {
        List<SseEvent> events = new ArrayList<>(FakeResponses.claudeEvents(FakeResponses.CLAUDE_MODEL,
                List.of("so far"), Usage.of(3, 2)).subList(0, 4));
        events.add(FakeResponses.claudeStreamError(529, "Overloaded"));
        upstream.enqueue(FakeResponse.sse(events));

        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(message(MODEL))) {
                stream.stream().forEach(e -> { });
            }
        }).isInstanceOf(AnthropicException.class).hasMessageContaining("Overloaded");
        upstream.takeRequest();
    }

    @Test
    void anUnknownModelIsTheSdksNotFoundError() {
        assertThatThrownBy(() -> sdk.messages().create(message("nobody/none")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void tokenCountingPassesThroughToTheCountTokensEndpoint() {
        upstream.enqueue(FakeResponse.json("{\"input_tokens\":17}"));

        MessageTokensCount count = sdk.messages().countTokens(MessageCountTokensParams.builder().model(MODEL)
                .addUserMessage("how many?").build());

        assertThat(count.inputTokens()).isEqualTo(17);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.CLAUDE_MODEL);
    }

    @Test
    void anSdkPointedAtTheScopedMountUsesBareModelNames() {
        upstream.enqueue(FakeResponses.claudeMessage("scoped", Usage.of(1, 1)));
        AnthropicClient scoped = AnthropicOkHttpClient.builder().baseUrl(gw.uri("/claude").toString())
                .apiKey(key).maxRetries(0).build();
        try {
            Message message = scoped.messages().create(message(FakeResponses.CLAUDE_MODEL));
            assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("scoped");
        } finally {
            scoped.close();
        }
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(FakeResponses.CLAUDE_MODEL);
    }

    @Test
    void theSdkListsTheGatewaysModels() {
        List<String> ids = sdk.models().list().data().stream().map(m -> m.id()).toList();

        assertThat(ids).contains(MODEL);
    }

    @Test
    void theSdkRetrievesOneOfTheGatewaysModels() {
        int before = upstream.requestCount();

        ModelInfo model = sdk.models().retrieve(MODEL);

        assertThat(model.id()).isEqualTo(MODEL);
        assertThat(upstream.requestCount()).as("answered by the gateway").isEqualTo(before);
    }

    @Test
    void aBadKeyIsTheSdksUnauthorizedErrorWithTheGatewaysMessageAndRequestId() {
        int before = upstream.requestCount();
        AnthropicClient wrong = AnthropicOkHttpClient.builder().baseUrl(gw.uri("").toString())
                .apiKey("sk-not-a-gateway-key").maxRetries(0).build();
        try {
            assertThatThrownBy(() -> wrong.messages().create(message(MODEL)))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("invalid or missing API key");
                        List<String> gatewayId = e.headers().values("x-gproxy-request-id");
                        assertThat(gatewayId).hasSize(1);
                        // the header the SDKs read their request id from carries the gateway's
                        assertThat(e.headers().values("request-id")).isEqualTo(gatewayId);
                    });
        } finally {
            wrong.close();
        }
        assertThat(upstream.requestCount()).isEqualTo(before);
    }
}
