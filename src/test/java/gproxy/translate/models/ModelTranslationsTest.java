package gproxy.translate.models;

import static gproxy.protocol.Kind.CLAUDE;
import static gproxy.protocol.Kind.GEMINI;
import static gproxy.protocol.Kind.OPENAI;
import static gproxy.protocol.Operation.GET_MODEL;
import static gproxy.protocol.Operation.LIST_MODELS;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.OperationConformance.ANSWER;
import static gproxy.translate.OperationConformance.REQUEST;
import static gproxy.translate.OperationConformance.USAGE;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.translate.OperationConformance.OperationFeature;
import gproxy.translate.TranslationContext;

/** Model lists and gets read in the upstream family's shape and written in the client's. */
@OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = CLAUDE, name = REQUEST, verdict = SUPPORTED,
        note = "a bodiless GET of the upstream's own list path")
@OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = GEMINI, name = REQUEST, verdict = SUPPORTED,
        note = "a bodiless GET of the upstream's own list path")
@OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = OPENAI, name = REQUEST, verdict = APPROXIMATED,
        note = "limit/after_id/before_id are not carried: the upstream's first page is listed")
@OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = GEMINI, name = REQUEST, verdict = APPROXIMATED,
        note = "limit/after_id/before_id are not carried: the upstream's first page is listed")
@OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = OPENAI, name = REQUEST, verdict = APPROXIMATED,
        note = "pageSize/pageToken are not carried: the upstream's first page is listed")
@OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = CLAUDE, name = REQUEST, verdict = APPROXIMATED,
        note = "pageSize/pageToken are not carried: the upstream's first page is listed")
@OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = CLAUDE, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
@OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = GEMINI, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
@OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = OPENAI, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
@OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = GEMINI, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
@OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = OPENAI, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
@OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = CLAUDE, name = REQUEST, verdict = SUPPORTED,
        note = "GET of the upstream's model path with the upstream model id")
class ModelTranslationsTest {
    private static final String DIR = "models/";
    private static final TranslationContext CONTEXT = new TranslationContext("m", "m", false, Optional.empty());

    private static byte[] answer(Operation operation, Kind client, Kind upstream, byte[] upstreamAnswer) {
        return ModelTranslations.find(operation, client, upstream).orElseThrow().response()
                .translate(upstreamAnswer, CONTEXT);
    }

    private static byte[] list(Kind client, Kind upstream) {
        return answer(LIST_MODELS, client, upstream, bytes(DIR + "list." + upstream.family().name().toLowerCase(java.util.Locale.ROOT) + ".json"));
    }

    @OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = CLAUDE, name = ANSWER, verdict = SUPPORTED,
            note = "id kept, created_at -> created (epoch seconds), owned_by gproxy")
    @OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = GEMINI, name = ANSWER, verdict = APPROXIMATED,
            note = "models/x -> id x; created 0 (Gemini has no date); token limits and methods dropped")
    @Test
    void anOpenAiClientGetsAnObjectListFromClaudeAndGeminiLists() {
        assertJson(list(OPENAI, CLAUDE), DIR + "claude-to-openai.list.json");
        assertJson(list(OPENAI, GEMINI), DIR + "gemini-to-openai.list.json");
    }

    @OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = OPENAI, name = ANSWER, verdict = APPROXIMATED,
            note = "id -> id and display_name, created -> created_at (RFC 3339); owned_by dropped; has_more false")
    @OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = GEMINI, name = ANSWER, verdict = APPROXIMATED,
            note = "models/x -> id x, displayName -> display_name, created_at the epoch; nextPageToken dropped"
                    + " (has_more false)")
    @Test
    void aClaudeClientGetsDataWithFirstAndLastIdsAndNoFurtherPage() {
        assertJson(list(CLAUDE, OPENAI), DIR + "openai-to-claude.list.json");
        assertJson(list(CLAUDE, GEMINI), DIR + "gemini-to-claude.list.json");
    }

    @OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = OPENAI, name = ANSWER, verdict = APPROXIMATED,
            note = "id -> name models/id and displayName; supportedGenerationMethods are the gateway's"
                    + " (generateContent, streamGenerateContent, countTokens)")
    @OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = CLAUDE, name = ANSWER, verdict = APPROXIMATED,
            note = "id -> name models/id, display_name -> displayName; supportedGenerationMethods are the gateway's;"
                    + " has_more dropped")
    @Test
    void aGeminiClientGetsModelsWithResourceNames() {
        assertJson(list(GEMINI, OPENAI), DIR + "openai-to-gemini.list.json");
        assertJson(list(GEMINI, CLAUDE), DIR + "claude-to-gemini.list.json");
    }

    @OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = CLAUDE, name = ANSWER, verdict = SUPPORTED,
            note = "as one list entry")
    @OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = GEMINI, name = ANSWER, verdict = APPROXIMATED,
            note = "as one list entry: created 0")
    @OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = OPENAI, name = ANSWER, verdict = SUPPORTED,
            note = "as one list entry")
    @OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = GEMINI, name = ANSWER, verdict = APPROXIMATED,
            note = "as one list entry: created_at the epoch")
    @OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = OPENAI, name = ANSWER, verdict = APPROXIMATED,
            note = "as one list entry: the gateway's supportedGenerationMethods")
    @OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = CLAUDE, name = ANSWER, verdict = APPROXIMATED,
            note = "as one list entry: the gateway's supportedGenerationMethods")
    @Test
    void aGetIsOneEntryInTheClientsShape() {
        byte[] claude = "{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] gemini = "{\"name\":\"models/gemini-2.5-flash\",\"displayName\":\"Gemini 2.5 Flash\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] openAi = "{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(Json.parse(answer(GET_MODEL, OPENAI, CLAUDE, claude)).path("created").asLong()).isEqualTo(1759104000L);
        assertThat(Json.parse(answer(GET_MODEL, OPENAI, GEMINI, gemini)).path("id").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(Json.parse(answer(GET_MODEL, CLAUDE, OPENAI, openAi)).path("created_at").asText())
                .isEqualTo("2024-07-16T23:32:21Z");
        assertThat(Json.parse(answer(GET_MODEL, CLAUDE, GEMINI, gemini)).path("display_name").asText())
                .isEqualTo("Gemini 2.5 Flash");
        assertThat(Json.parse(answer(GET_MODEL, GEMINI, OPENAI, openAi)).path("name").asText()).isEqualTo("models/gpt-4o-mini");
        assertThat(Json.parse(answer(GET_MODEL, GEMINI, CLAUDE, claude)).path("displayName").asText())
                .isEqualTo("Claude Sonnet 4.5");
    }

    @OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = LIST_MODELS, client = OPENAI, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = LIST_MODELS, client = CLAUDE, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = LIST_MODELS, client = GEMINI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = OPENAI, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = CLAUDE, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @OperationFeature(operation = GET_MODEL, client = GEMINI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
            note = "free: a zero-token usage row")
    @Test
    void theRequestIsBodilessWhateverTheClientSent() {
        assertThat(ModelTranslations.find(LIST_MODELS, CLAUDE, GEMINI).orElseThrow().request()
                .translate(new byte[0], CONTEXT)).isEmpty();
    }

    @Test
    void anEmptyGeminiListHasNoModelsFieldAndIsAnEmptyList() {
        assertThat(Json.parse(answer(LIST_MODELS, OPENAI, GEMINI, "{}".getBytes(StandardCharsets.UTF_8))).path("data"))
                .isEmpty();
    }

    @Test
    void anUpstreamListInTheWrongShapeIsABadGateway() {
        assertThatThrownBy(() -> answer(LIST_MODELS, GEMINI, CLAUDE, "{\"models\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void sameFamilyAndOtherOperationsAreNotConversionsHere() {
        assertThat(ModelTranslations.find(LIST_MODELS, CLAUDE, CLAUDE)).isEmpty();
        assertThat(ModelTranslations.find(Operation.COUNT_TOKENS, CLAUDE, GEMINI)).isEmpty();
    }
}
