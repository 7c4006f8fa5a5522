package gproxy.translate.claudegemini;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.Translations;

/** The attempt loop finds this package's converters for both directions, so no pair pivots through Chat. */
class ClaudeGeminiRegistryTest {

    @Test
    void aClaudeClientOnAGeminiUpstreamIsConvertedByTheDirectPair() {
        Translation found = Translations.find(CLAUDE_MESSAGES, GEMINI_GENERATE).orElseThrow();
        JsonNode request = Json.parse(found.request().translate(
                "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(), Contexts.toGemini()));
        assertThat(request).isEqualTo(Json.parse(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"maxOutputTokens\":5}}"));
        assertThat(found.streamConverter().get()).isInstanceOf(GeminiToClaudeStream.class);
    }

    @Test
    void aGeminiClientOnAClaudeUpstreamIsConvertedByTheDirectPair() {
        Translation found = Translations.find(GEMINI_GENERATE, CLAUDE_MESSAGES).orElseThrow();
        JsonNode request = Json.parse(found.request().translate(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}".getBytes(), Contexts.toClaude(false)));
        assertThat(request.path("messages")).isEqualTo(Json.parse("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]"));
        assertThat(found.streamConverter().get()).isInstanceOf(ClaudeToGeminiStream.class);
    }
}
