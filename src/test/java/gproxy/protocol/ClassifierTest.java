package gproxy.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierTest {
    private static final Predicate<String> NO_HEADERS = name -> false;

    @ParameterizedTest
    @CsvSource({
            "/v1/chat/completions, OPENAI_CHAT",
            "/v1/responses, OPENAI_RESPONSES",
            "/v1/messages, CLAUDE_MESSAGES"})
    void contentPathsLeaveStreamingToTheBody(String path, Kind kind) {
        Classified c = post(path).orElseThrow();

        assertThat(c.operationKey()).isEqualTo(OperationKey.of(Operation.GENERATE_CONTENT, kind));
        assertThat(c.stream()).isEqualTo(StreamFlag.BODY);
        assertThat(c.resolve(false)).isEqualTo(OperationKey.of(Operation.GENERATE_CONTENT, kind));
        assertThat(c.resolve(true)).isEqualTo(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, kind));
        assertThat(c.pathModel()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/messages/count_tokens, COUNT_TOKENS, CLAUDE",
            "/v1/responses/input_tokens, COUNT_TOKENS, OPENAI",
            "/v1/embeddings, CREATE_EMBEDDING, OPENAI",
            "/v1/images/generations, CREATE_IMAGE, OPENAI"})
    void otherPostPathsNeverStream(String path, Operation operation, Kind kind) {
        Classified c = post(path).orElseThrow();

        assertThat(c.operationKey()).isEqualTo(OperationKey.of(operation, kind));
        assertThat(c.stream()).isEqualTo(StreamFlag.NEVER);
        assertThat(c.resolve(true)).isEqualTo(c.operationKey());
    }

    @Test
    void modelListingTakesItsKindFromTheCredentialHeader() {
        assertThat(get("/v1/models", Set.of()).operationKey().kind()).isEqualTo(Kind.OPENAI);
        assertThat(get("/v1/models", Set.of("authorization")).operationKey().kind()).isEqualTo(Kind.OPENAI);
        assertThat(get("/v1/models", Set.of("x-api-key")).operationKey().kind()).isEqualTo(Kind.CLAUDE);
        assertThat(get("/v1/models", Set.of("authorization", "anthropic-version")).operationKey().kind())
                .isEqualTo(Kind.CLAUDE);
        assertThat(get("/v1/models", Set.of("x-goog-api-key")).operationKey().kind()).isEqualTo(Kind.GEMINI);
        assertThat(Classifier.classify("GET", "/v1/models", "key=abc", NO_HEADERS).orElseThrow()
                .operationKey().kind()).isEqualTo(Kind.GEMINI);
        assertThat(get("/v1/models", Set.of()).operationKey().operation()).isEqualTo(Operation.LIST_MODELS);
    }

    @Test
    void modelGetsKeepIdsWithSlashesAndColonsAndDecodeThem() {
        assertThat(get("/v1/models/gpt-4o", Set.of()).pathModel()).contains("gpt-4o");
        assertThat(get("/v1/models/openrouter/meta/llama-3", Set.of()).pathModel()).contains("openrouter/meta/llama-3");
        assertThat(get("/v1/models/openai%2Fgpt-4o", Set.of()).pathModel()).contains("openai/gpt-4o");
        assertThat(get("/v1/models/ft:gpt-4o:org:abc", Set.of()).pathModel()).contains("ft:gpt-4o:org:abc");
        Classified claude = get("/v1/models/claude-sonnet-4-5", Set.of("x-api-key"));
        assertThat(claude.operationKey()).isEqualTo(OperationKey.of(Operation.GET_MODEL, Kind.CLAUDE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/models/", "/v1/models/bad%zzescape", "/v1/models/%C3%28"})
    void emptyOrMalformedModelIdsAreNotRecognised(String path) {
        assertThat(Classifier.classify("GET", path, "", NO_HEADERS)).isEmpty();
    }

    @Test
    void geminiListAndGetAreGeminiFamily() {
        Classified list = get("/v1beta/models", Set.of());
        Classified one = get("/v1beta/models/gemini-2.5-flash", Set.of());
        Classified tuned = get("/v1beta/tunedModels/my-tune", Set.of());

        assertThat(list.operationKey()).isEqualTo(OperationKey.of(Operation.LIST_MODELS, Kind.GEMINI));
        assertThat(one.operationKey()).isEqualTo(OperationKey.of(Operation.GET_MODEL, Kind.GEMINI));
        assertThat(one.pathModel()).contains("gemini-2.5-flash");
        assertThat(tuned.pathModel()).contains("tunedModels/my-tune");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1beta/models/gemini-2.5-flash:generateContent", "/v1beta/models/x%3Ay",
            "/v1beta/models/", "/v1beta/other/x"})
    void geminiIdsWithAColonAreNeverAGet(String path) {
        assertThat(Classifier.classify("GET", path, "", NO_HEADERS)).isEmpty();
    }

    @Test
    void geminiGenerateAndStreamAreTheGenerateKindWithTheirFraming() {
        Classified generate = post("/v1beta/models/gemini-2.5-flash:generateContent").orElseThrow();
        Classified sse = Classifier.classify("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                "alt=sse", NO_HEADERS).orElseThrow();
        Classified array = post("/v1beta/models/gemini-2.5-flash:streamGenerateContent").orElseThrow();

        assertThat(generate.operationKey()).isEqualTo(OperationKey.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE));
        assertThat(generate.stream()).isEqualTo(StreamFlag.NEVER);
        assertThat(generate.pathVerb()).contains("generateContent");
        assertThat(sse.operationKey())
                .isEqualTo(OperationKey.of(Operation.STREAM_GENERATE_CONTENT, Kind.GEMINI_GENERATE));
        assertThat(sse.stream()).isEqualTo(StreamFlag.PATH_SSE);
        assertThat(sse.resolve(false)).isEqualTo(sse.operationKey());
        assertThat(array.stream()).isEqualTo(StreamFlag.PATH_JSON_ARRAY);
        assertThat(array.pathModel()).contains("gemini-2.5-flash");
    }

    @Test
    void geminiVerbsUnderTheStableV1PathAreTheSameOperations() {
        Classified generate = post("/v1/models/gem/gemini-2.5-flash:generateContent").orElseThrow();
        Classified sse = Classifier.classify("POST", "/v1/models/gemini-2.5-flash:streamGenerateContent", "alt=sse",
                NO_HEADERS).orElseThrow();
        Classified embed = post("/v1/models/text-embedding-004:batchEmbedContents").orElseThrow();

        assertThat(generate.operationKey()).isEqualTo(OperationKey.of(Operation.GENERATE_CONTENT, Kind.GEMINI_GENERATE));
        assertThat(generate.pathModel()).contains("gem/gemini-2.5-flash");
        assertThat(sse.stream()).isEqualTo(StreamFlag.PATH_SSE);
        assertThat(embed.operationKey()).isEqualTo(OperationKey.of(Operation.CREATE_EMBEDDING, Kind.GEMINI));
        assertThat(post("/v1/models/m:unknownVerb")).isEmpty();
        assertThat(post("/v1/models/m")).isEmpty();
    }

    @Test
    void theSseFlagIsReadAmongOtherQueryParameters() {
        Classified c = Classifier.classify("POST", "/v1beta/models/m:streamGenerateContent", "key=k&alt=sse",
                NO_HEADERS).orElseThrow();
        Classified json = Classifier.classify("POST", "/v1beta/models/m:streamGenerateContent", "alt=json",
                NO_HEADERS).orElseThrow();

        assertThat(c.stream()).isEqualTo(StreamFlag.PATH_SSE);
        assertThat(json.stream()).isEqualTo(StreamFlag.PATH_JSON_ARRAY);
    }

    @ParameterizedTest
    @CsvSource({
            "countTokens, COUNT_TOKENS",
            "embedContent, CREATE_EMBEDDING",
            "batchEmbedContents, CREATE_EMBEDDING"})
    void geminiOtherVerbsAreTheGeminiFamily(String verb, Operation operation) {
        Classified c = post("/v1beta/models/text-embedding-004:" + verb).orElseThrow();

        assertThat(c.operationKey()).isEqualTo(OperationKey.of(operation, Kind.GEMINI));
        assertThat(c.pathVerb()).contains(verb);
        assertThat(c.stream()).isEqualTo(StreamFlag.NEVER);
    }

    @Test
    void geminiModelsMayBeGatewayNamesWithSlashesOrTunedModels() {
        assertThat(post("/v1beta/models/openai/gpt-4o:generateContent").orElseThrow().pathModel())
                .contains("openai/gpt-4o");
        assertThat(post("/v1beta/models/my%2Froute:generateContent").orElseThrow().pathModel())
                .contains("my/route");
        assertThat(post("/v1beta/tunedModels/my-tune:generateContent").orElseThrow().pathModel())
                .contains("tunedModels/my-tune");
        assertThat(post("/v1beta/models/ft:x:generateContent").orElseThrow().pathModel()).contains("ft:x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/chat/completions/", "/v1//chat/completions", "/V1/chat/completions",
            "/v1/completions", "/v1/audio/speech", "/v1/responses/compact", "/v1/models", "/v2/messages",
            "/chat/completions", "/v1beta/models/m:unknownVerb", "/v1beta/models/m", "/v1beta/models/:generateContent",
            "/v1beta/files/x:generateContent", "/v1beta/models/m:GenerateContent", ""})
    void unknownPostPathsAreNotRecognised(String path) {
        assertThat(post(path)).isEmpty();
    }

    @Test
    void otherMethodsAreNotRecognised() {
        assertThat(Classifier.classify("GET", "/v1/chat/completions", "", NO_HEADERS)).isEmpty();
        assertThat(Classifier.classify("PUT", "/v1/messages", "", NO_HEADERS)).isEmpty();
        assertThat(Classifier.classify("DELETE", "/v1/models/x", "", NO_HEADERS)).isEmpty();
        assertThat(Classifier.classify("post", "/v1/messages", "", NO_HEADERS)).isEmpty();
        assertThat(Classifier.classify("PUT", "/v1beta/models/m:generateContent", "", NO_HEADERS)).isEmpty();
    }

    private static Optional<Classified> post(String path) {
        return Classifier.classify("POST", path, "", NO_HEADERS);
    }

    private static Classified get(String path, Set<String> headers) {
        return Classifier.classify("GET", path, "", headers::contains).orElseThrow();
    }
}
