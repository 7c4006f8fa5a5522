package gproxy.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
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
 * Gemini clients over plain HTTP (the Google Gen AI SDK is {@link GeminiSdkTest}), against an
 * {@code aistudio} provider: both ways of presenting the key, and the three answer framings.
 */
class GeminiHttpTest {
    private static final String MODEL_PATH = "/v1beta/models/gem/" + FakeResponses.GEMINI_MODEL;
    private static final String BODY = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
    private static FakeUpstream upstream;
    private static TestGateway gw;
    private static String key;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
        gw = TestGateway.start();
        gw.credential(gw.provider("gem", "aistudio", upstream.url()), "AIza-upstream");
        key = gw.userKey("gemini-user");
    }

    @AfterEach
    void nothingIsLeftInFlight() {
        Leaks.assertNoneInFlight(gw, upstream);
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    private static HttpResponse<String> post(String pathAndQuery, boolean keyInHeader) {
        HttpRequest.Builder req = gw.request(pathAndQuery + (keyInHeader ? "" : (pathAndQuery.contains("?") ? "&" : "?")
                + "key=" + key));
        if (keyInHeader) {
            req.header("x-goog-api-key", key);
        }
        return gw.post(req, BODY);
    }

    @Test
    void generateContentWithTheKeyInXGoogApiKeyReachesTheNativePathWithTheCredential() {
        upstream.enqueue(FakeResponses.geminiGenerate("hola", Usage.of(3, 1)));

        HttpResponse<String> res = post(MODEL_PATH + ":generateContent", true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).at("/candidates/0/content/parts/0/text").asText()).isEqualTo("hola");
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.target()).isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":generateContent");
        assertThat(sent.headers().get("x-goog-api-key")).containsExactly("AIza-upstream");
        assertThat(sent.bodyText()).isEqualTo(BODY);
    }

    @Test
    void aKeyInTheQueryAuthenticatesAndIsNotForwarded() {
        upstream.enqueue(FakeResponses.geminiGenerate("via query", Usage.of(3, 1)));

        HttpResponse<String> res = post(MODEL_PATH + ":generateContent", false);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        RecordedRequest sent = upstream.takeRequest();
        assertThat(sent.query()).doesNotContain(key).doesNotContain("key=");
        assertThat(sent.headers().get("x-goog-api-key")).containsExactly("AIza-upstream");
    }

    @Test
    void streamGenerateContentWithAltSseIsRelayedAsEvents() {
        upstream.enqueue(FakeResponses.geminiStream(List.of("uno ", "dos"), Usage.of(3, 2)));

        HttpResponse<String> res = post(MODEL_PATH + ":streamGenerateContent?alt=sse", true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> texts = res.body().lines().filter(l -> l.startsWith("data: "))
                .map(l -> Json.parse(l.substring(6)).at("/candidates/0/content/parts/0/text").asText()).toList();
        assertThat(texts).containsExactly("uno ", "dos");
        assertThat(upstream.takeRequest().target())
                .isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":streamGenerateContent?alt=sse");
    }

    @Test
    void streamGenerateContentWithoutAltIsOneJsonArrayWhoseElementsArriveAsTheyAreProduced() throws Exception {
        Duration drip = Duration.ofMillis(300);
        upstream.enqueue(FakeResponses.geminiStream(List.of("a", "b", "c"), Usage.of(3, 3)).drip(drip));

        HttpResponse<InputStream> res = HttpClient.newHttpClient().send(gw.request(MODEL_PATH + ":streamGenerateContent")
                .header("x-goog-api-key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        List<String> texts = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (InputStream body = res.body(); JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode element = Json.MAPPER.readTree(parser);
                arrivals.add(System.nanoTime());
                texts.add(element.at("/candidates/0/content/parts/0/text").asText());
            }
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_ARRAY);
            assertThat(parser.nextToken()).as("nothing after the array").isNull();
        }
        assertThat(texts).containsExactly("a", "b", "c");
        // each element was readable before the upstream produced the next one
        assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(0))).isGreaterThan(drip.multipliedBy(3).dividedBy(2));
        assertThat(upstream.takeRequest().query()).isEqualTo("alt=sse");
    }

    @Test
    void anUnknownModelIs404InGeminisEnvelope() throws IOException {
        HttpResponse<String> res = post("/v1beta/models/nobody/none:generateContent", true);

        assertThat(res.statusCode()).isEqualTo(404);
        JsonNode error = TestGateway.json(res).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(404);
        assertThat(error.path("status").asText()).isEqualTo("NOT_FOUND");
        assertThat(res.headers().firstValue("x-gproxy-request-id")).isPresent();
    }

    @Test
    void countTokensPassesThroughToTheNativeMethod() {
        upstream.enqueue(FakeResponse.json("{\"totalTokens\":4}"));

        HttpResponse<String> res = post(MODEL_PATH + ":countTokens", true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(TestGateway.json(res).path("totalTokens").asInt()).isEqualTo(4);
        assertThat(upstream.takeRequest().target())
                .isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":countTokens");
    }

    @Test
    void theScopedMountTakesTheBareGeminiModel() {
        upstream.enqueue(FakeResponses.geminiGenerate("scoped", Usage.of(1, 1)));

        HttpResponse<String> res = post("/gem/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":generateContent", true);

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(upstream.takeRequest().path())
                .isEqualTo("/v1beta/models/" + FakeResponses.GEMINI_MODEL + ":generateContent");
    }
}
