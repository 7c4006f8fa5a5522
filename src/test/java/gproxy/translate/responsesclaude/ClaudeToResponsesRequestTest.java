package gproxy.translate.responsesclaude;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Translations;
import gproxy.translate.TranslationContext;
import gproxy.protocol.Kind;

/** The choices a Claude request meets on its way to a Responses upstream. */
class ClaudeToResponsesRequestTest {
    private static final String FIRST_TURN = """
            {"model":"gpt-5","max_tokens":100,"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}}]}]}""";
    private static final String LATER_TURN = """
            {"model":"gpt-5","max_tokens":100,"system":[{"type":"text","text":"Be brief."}],
             "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":"hello"},
               {"role":"user","content":[{"type":"text","text":"more","cache_control":{"type":"ephemeral"}}]}]}""";

    private static JsonNode convert(String body, TranslationContext context) {
        return Json.parse(ClaudeToResponsesRequest.translate(body.getBytes(StandardCharsets.UTF_8), context));
    }

    @Test
    void thePromptCacheKeyStaysTheSameAsTurnsAreAppendedAndMarkersMove() {
        String first = convert(FIRST_TURN, Contexts.toResponses(false)).path("prompt_cache_key").asText();
        String later = convert(LATER_TURN, Contexts.toResponses(false)).path("prompt_cache_key").asText();

        assertThat(first).startsWith("gproxy-").isEqualTo(later);
    }

    @Test
    void oneClaudeConversationGetsTheSameKeyFromTheChatPairAndThisOne() {
        byte[] body = FIRST_TURN.getBytes(StandardCharsets.UTF_8);
        JsonNode chat = Json.parse(Translations.find(Kind.CLAUDE_MESSAGES, Kind.OPENAI_CHAT).orElseThrow().request()
                .translate(body, Contexts.toResponses(false)));

        assertThat(convert(FIRST_TURN, Contexts.toResponses(false)).path("prompt_cache_key")).isEqualTo(chat.path("prompt_cache_key"));
    }

    @Test
    void aKeyTheGatewayKnowsWinsOverTheDerivedOne() {
        TranslationContext context = new TranslationContext("gpt-5", "gpt-5", true, Optional.of("session-9"));

        JsonNode out = convert(FIRST_TURN, context);

        assertThat(out.path("prompt_cache_key").asText()).isEqualTo("session-9");
        assertThat(out.path("stream").asBoolean()).isTrue();
        assertThat(out.path("store").asBoolean(true)).isFalse();
    }

    @Test
    void withoutThinkingSamplingGoesAndNoReasoningIsAskedFor() {
        JsonNode out = convert("""
                {"model":"gpt-5","max_tokens":10,"temperature":0.2,"top_p":0.9,"top_k":5,"stop_sequences":["x"],
                 "messages":[{"role":"user","content":"hi"}],"thinking":{"type":"disabled"}}""", Contexts.toResponses(false));

        assertThat(out.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(out.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(out.has("reasoning")).isFalse();
        assertThat(out.has("include")).isFalse();
        assertThat(out.toString()).doesNotContain("top_k").doesNotContain("stop");
    }

    @Test
    void adaptiveThinkingWithAnEffortKeepsTheEffort() {
        JsonNode out = convert("""
                {"model":"gpt-5","max_tokens":10,"messages":[{"role":"user","content":"hi"}],
                 "thinking":{"type":"adaptive"},"output_config":{"effort":"max"}}""", Contexts.toResponses(false));

        assertThat(out.path("reasoning")).isEqualTo(Json.parse("{\"effort\":\"xhigh\",\"summary\":\"auto\"}"));
        assertThat(out.path("include").get(0).asText()).isEqualTo("reasoning.encrypted_content");
    }
}
