package gproxy.translate.embeddings;

import static gproxy.protocol.Kind.GEMINI;
import static gproxy.protocol.Kind.OPENAI;
import static gproxy.protocol.Operation.CREATE_EMBEDDING;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.OperationConformance.ANSWER;
import static gproxy.translate.OperationConformance.REQUEST;
import static gproxy.translate.OperationConformance.USAGE;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.GeminiBatch;
import gproxy.translate.OperationConformance.OperationFeature;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/** OpenAI embeddings ↔ Gemini embedContent / batchEmbedContents, request and answer of one exchange. */
class EmbeddingTranslationsTest {
    private static final String DIR = "embeddings/";
    private static final TranslationContext TO_GEMINI = new TranslationContext("text-embedding-004",
            "gem/text-embedding-004", false, Optional.empty());
    private static final TranslationContext TO_OPENAI = new TranslationContext("text-embedding-3-small",
            "oa/text-embedding-3-small", false, Optional.empty());

    private static Translation openAiClient() {
        return EmbeddingTranslations.find(OPENAI, GEMINI).orElseThrow();
    }

    private static Translation geminiClient() {
        return EmbeddingTranslations.find(GEMINI, OPENAI).orElseThrow();
    }

    @OperationFeature(operation = CREATE_EMBEDDING, client = OPENAI, upstream = GEMINI, name = REQUEST, verdict = APPROXIMATED,
            note = "string input -> embedContent, string array -> batchEmbedContents in order with the upstream"
                    + " model per request, dimensions -> outputDimensionality; token-id inputs refused (400), user dropped")
    @OperationFeature(operation = CREATE_EMBEDDING, client = OPENAI, upstream = GEMINI, name = ANSWER, verdict = SUPPORTED,
            note = "embeddings[].values -> data[] with index in input order, object list/embedding, the client's model")
    @OperationFeature(operation = CREATE_EMBEDDING, client = OPENAI, upstream = GEMINI, name = USAGE, verdict = APPROXIMATED,
            note = "Gemini reports none: prompt_tokens/total_tokens are the gateway's estimate (characters / 2),"
                    + " the same the usage row records as usage_source=estimated")
    @Test
    void anArrayInputIsOneBatchAndItsAnswerIsTheListInInputOrder() {
        Translation pair = openAiClient();

        byte[] request = pair.request().translate(bytes(DIR + "openai-batch.client.json"), TO_GEMINI);
        byte[] answer = pair.response().translate(bytes(DIR + "gemini-batch.answer.json"), TO_GEMINI);

        assertThat(GeminiBatch.isBatch(request)).as("the channel calls :batchEmbedContents").isTrue();
        assertJson(request, DIR + "openai-batch-to-gemini.upstream.json");
        assertJson(answer, DIR + "gemini-batch-to-openai.client.json");
    }

    @OperationFeature(operation = CREATE_EMBEDDING, client = OPENAI, upstream = GEMINI, name = "encoding_format",
            verdict = SUPPORTED, note = "base64 -> little-endian float32 bytes, as OpenAI encodes them")
    @Test
    void oneStringIsOneEmbedContentAndBase64IsEncodedAsOpenAiDoes() {
        Translation pair = openAiClient();

        byte[] request = pair.request().translate(bytes(DIR + "openai-single.client.json"), TO_GEMINI);
        JsonNode answer = Json.parse(pair.response().translate(bytes(DIR + "gemini-single.answer.json"), TO_GEMINI));

        assertThat(GeminiBatch.isBatch(request)).isFalse();
        assertThat(Json.parse(request).at("/content/parts/0/text").asText()).isEqualTo("the quick brown fox");
        ByteBuffer floats = ByteBuffer.wrap(Base64.getDecoder().decode(answer.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {floats.getFloat(), floats.getFloat(), floats.getFloat()})
                .containsExactly(0.25f, -0.5f, 1.0f);
        assertThat(floats.hasRemaining()).isFalse();
        assertThat(answer.at("/usage/prompt_tokens").asLong()).isEqualTo(answer.at("/usage/total_tokens").asLong())
                .isPositive();
    }

    @Test
    void tokenIdInputsAndUnknownFormatsAreTheClientsBadRequest() {
        assertThatThrownBy(() -> openAiClient().request().translate(
                "{\"model\":\"m\",\"input\":[[1,2,3]]}".getBytes(StandardCharsets.UTF_8), TO_GEMINI))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("input");
                });
        assertThatThrownBy(() -> openAiClient().request().translate(
                "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"int8\"}".getBytes(StandardCharsets.UTF_8), TO_GEMINI))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @OperationFeature(operation = CREATE_EMBEDDING, client = GEMINI, upstream = OPENAI, name = REQUEST, verdict = APPROXIMATED,
            note = "batch requests -> an input array in order, text parts joined by a newline, outputDimensionality ->"
                    + " dimensions (one for the batch); taskType and title dropped; non-text parts refused (400)")
    @OperationFeature(operation = CREATE_EMBEDDING, client = GEMINI, upstream = OPENAI, name = ANSWER, verdict = SUPPORTED,
            note = "data[] by index -> embeddings[].values (batch) or embedding.values (embedContent)")
    @OperationFeature(operation = CREATE_EMBEDDING, client = GEMINI, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
            note = "the upstream's prompt_tokens are billed (usage_source=upstream); Gemini's answer has no usage field")
    @Test
    void aGeminiBatchIsOneOpenAiCallAndComesBackAsEmbeddingsInRequestOrder() {
        Translation pair = geminiClient();

        byte[] request = pair.request().translate(bytes(DIR + "gemini-batch.client.json"), TO_OPENAI);
        byte[] answer = pair.response().translate(bytes(DIR + "openai.answer.json"), TO_OPENAI);

        assertJson(request, DIR + "gemini-batch-to-openai.upstream.json");
        assertJson(answer, DIR + "openai-to-gemini-batch.client.json");
    }

    @Test
    void aSingleGeminiEmbedContentGetsOneEmbeddingBack() {
        Translation pair = geminiClient();

        JsonNode request = Json.parse(pair.request().translate(bytes(DIR + "gemini-single.client.json"), TO_OPENAI));
        JsonNode answer = Json.parse(pair.response().translate(
                "{\"data\":[{\"index\":0,\"embedding\":[0.5]}]}".getBytes(StandardCharsets.UTF_8), TO_OPENAI));

        assertThat(request.path("input").asText()).isEqualTo("the quick brown fox");
        assertThat(request.path("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(request.has("dimensions")).isFalse();
        assertThat(answer.at("/embedding/values/0").asDouble()).isEqualTo(0.5);
        assertThat(answer.has("embeddings")).isFalse();
    }

    @Test
    void aBatchWithDifferentDimensionsCannotBeOneOpenAiCall() {
        assertThatThrownBy(() -> geminiClient().request().translate(("{\"requests\":["
                + "{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"outputDimensionality\":8},"
                + "{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}").getBytes(StandardCharsets.UTF_8), TO_OPENAI))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void anUpstreamAnswerWithoutVectorsIsABadGateway() {
        Translation pair = openAiClient();
        pair.request().translate(bytes(DIR + "openai-batch.client.json"), TO_GEMINI);

        assertThatThrownBy(() -> pair.response().translate("{\"embedding\":{}}".getBytes(StandardCharsets.UTF_8),
                TO_GEMINI)).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
    }
}
