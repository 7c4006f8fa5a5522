package gproxy.translate.tokens;

import static gproxy.protocol.Kind.CLAUDE;
import static gproxy.protocol.Kind.GEMINI;
import static gproxy.protocol.Kind.OPENAI;
import static gproxy.protocol.Operation.COUNT_TOKENS;
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
import gproxy.translate.OperationConformance.OperationFeature;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/** Count tokens between Claude, Gemini and OpenAI: the request as the upstream's count body, the answer's number moved. */
@OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
@OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
@OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
@OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = OPENAI, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
@OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = CLAUDE, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
@OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = GEMINI, name = USAGE, verdict = SUPPORTED,
        note = "count tokens is free: the usage row records the call with zero tokens")
class CountTokensTranslationsTest {
    private static final String DIR = "count-tokens/";

    private static Translation pair(Kind from, Kind to) {
        return CountTokensTranslations.find(from, to).orElseThrow();
    }

    private static TranslationContext to(String upstreamModel, String clientModel) {
        return new TranslationContext(upstreamModel, clientModel, false, Optional.empty());
    }

    private static byte[] request(Kind from, Kind to, String fixture, TranslationContext context) {
        return pair(from, to).request().translate(bytes(DIR + fixture), context);
    }

    private static String answer(Kind from, Kind to, String upstreamAnswer) {
        return new String(pair(from, to).response().translate(upstreamAnswer.getBytes(StandardCharsets.UTF_8),
                to("m", "m")), StandardCharsets.UTF_8);
    }

    @OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = GEMINI, name = REQUEST, verdict = SUPPORTED,
            note = "system, messages with tool_use/tool_result and tools -> one generateContentRequest with the"
                    + " upstream model, so instructions and tools are counted too")
    @Test
    void aClaudeCountBodyBecomesAGeminiGenerateContentRequestWithSystemAndTools() {
        assertJson(request(CLAUDE, GEMINI, "claude.client.json", to("gemini-2.5-flash", "gem/gemini-2.5-flash")),
                DIR + "claude-to-gemini.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = OPENAI, name = REQUEST, verdict = SUPPORTED,
            note = "system -> instructions, messages -> input items with function_call/function_call_output, tools")
    @Test
    void aClaudeCountBodyBecomesAnOpenAiInputTokensBody() {
        assertJson(request(CLAUDE, OPENAI, "claude.client.json", to("gpt-4o-mini", "oa/gpt-4o-mini")),
                DIR + "claude-to-openai.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = CLAUDE, name = REQUEST, verdict = APPROXIMATED,
            note = "contents or generateContentRequest -> messages/system/tools with the upstream model;"
                    + " generationConfig is dropped (a count has no output settings)")
    @Test
    void aGeminiCountOfAWholeGenerateContentRequestBecomesAClaudeCountBody() {
        byte[] body = request(GEMINI, CLAUDE, "gemini-wrapped.client.json", to("claude-sonnet-4-5", "cl/claude"));

        assertJson(body, DIR + "gemini-wrapped-to-claude.upstream.json");
        assertThat(Json.parse(body).has("max_tokens")).as("not a count_tokens field").isFalse();
    }

    @Test
    void aGeminiCountOfPlainContentsNeedsNoWrapper() {
        assertJson(request(GEMINI, CLAUDE, "gemini.client.json", to("claude-sonnet-4-5", "cl/claude")),
                DIR + "gemini-to-claude.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = OPENAI, name = REQUEST, verdict = APPROXIMATED,
            note = "contents/systemInstruction/tools -> input/instructions/tools; generationConfig dropped")
    @Test
    void aGeminiCountBodyBecomesAnOpenAiInputTokensBody() {
        assertJson(request(GEMINI, OPENAI, "gemini-wrapped.client.json", to("gpt-4o-mini", "oa/gpt-4o-mini")),
                DIR + "gemini-wrapped-to-openai.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = CLAUDE, name = REQUEST, verdict = SUPPORTED,
            note = "instructions -> system, input items -> messages with tool_use/tool_result, tools")
    @Test
    void anOpenAiInputTokensBodyBecomesAClaudeCountBody() {
        assertJson(request(OPENAI, CLAUDE, "openai.client.json", to("claude-sonnet-4-5", "cl/claude")),
                DIR + "openai-to-claude.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = GEMINI, name = REQUEST, verdict = SUPPORTED,
            note = "instructions -> systemInstruction, input items -> contents, tools -> functionDeclarations,"
                    + " inside one generateContentRequest")
    @Test
    void anOpenAiInputTokensBodyBecomesAGeminiGenerateContentRequest() {
        assertJson(request(OPENAI, GEMINI, "openai.client.json", to("gemini-2.5-flash", "gem/gemini-2.5-flash")),
                DIR + "openai-to-gemini.upstream.json");
    }

    @OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = GEMINI, name = ANSWER, verdict = SUPPORTED,
            note = "totalTokens -> input_tokens")
    @OperationFeature(operation = COUNT_TOKENS, client = CLAUDE, upstream = OPENAI, name = ANSWER, verdict = SUPPORTED,
            note = "input_tokens -> input_tokens")
    @OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = CLAUDE, name = ANSWER, verdict = APPROXIMATED,
            note = "input_tokens -> totalTokens; no promptTokensDetails per modality")
    @OperationFeature(operation = COUNT_TOKENS, client = GEMINI, upstream = OPENAI, name = ANSWER, verdict = APPROXIMATED,
            note = "input_tokens -> totalTokens; no promptTokensDetails per modality")
    @OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = CLAUDE, name = ANSWER, verdict = SUPPORTED,
            note = "input_tokens -> {object: response.input_tokens, input_tokens}")
    @OperationFeature(operation = COUNT_TOKENS, client = OPENAI, upstream = GEMINI, name = ANSWER, verdict = SUPPORTED,
            note = "totalTokens -> {object: response.input_tokens, input_tokens}")
    @Test
    void theCountMovesToTheClientsFieldAndNothingElseComesAlong() {
        assertThat(answer(CLAUDE, GEMINI, "{\"totalTokens\":31,\"promptTokensDetails\":[{\"modality\":\"TEXT\"}]}"))
                .isEqualTo("{\"input_tokens\":31}");
        assertThat(answer(CLAUDE, OPENAI, "{\"object\":\"response.input_tokens\",\"input_tokens\":12}"))
                .isEqualTo("{\"input_tokens\":12}");
        assertThat(answer(GEMINI, CLAUDE, "{\"input_tokens\":9}")).isEqualTo("{\"totalTokens\":9}");
        assertThat(answer(GEMINI, OPENAI, "{\"input_tokens\":9}")).isEqualTo("{\"totalTokens\":9}");
        assertThat(answer(OPENAI, CLAUDE, "{\"input_tokens\":5}"))
                .isEqualTo("{\"object\":\"response.input_tokens\",\"input_tokens\":5}");
        assertThat(answer(OPENAI, GEMINI, "{\"totalTokens\":0}"))
                .isEqualTo("{\"object\":\"response.input_tokens\",\"input_tokens\":0}");
    }

    @Test
    void anUpstreamAnswerWithoutACountIsABadGatewayNotTheClientsFault() {
        assertThatThrownBy(() -> answer(CLAUDE, GEMINI, "{\"error\":\"nope\"}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThatThrownBy(() -> answer(GEMINI, CLAUDE, "not json"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void aClientCountBodyThatIsNotJsonIsTheClientsBadRequest() {
        assertThatThrownBy(() -> pair(CLAUDE, GEMINI).request().translate("[1]".getBytes(StandardCharsets.UTF_8),
                to("gemini-2.5-flash", "x")))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void oneFamilyIsNotAConversion() {
        assertThat(CountTokensTranslations.find(CLAUDE, CLAUDE)).isEmpty();
    }
}
