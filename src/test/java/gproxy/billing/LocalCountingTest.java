package gproxy.billing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.api.EncodingType;

import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;

class LocalCountingTest {

    @Test
    void theCharacterEstimateIsHalfTheCodePointsRoundedUp() {
        assertThat(CharacterEstimate.tokens("")).isZero();
        assertThat(CharacterEstimate.tokens("a")).isEqualTo(1);
        assertThat(CharacterEstimate.tokens("abcd")).isEqualTo(2);
        assertThat(CharacterEstimate.tokens("abcde")).isEqualTo(3);
        assertThat(CharacterEstimate.tokens("😀😀😀")).isEqualTo(2);
        assertThat(CharacterEstimate.tokens(-4)).isZero();
    }

    @Test
    void gptModelsMapToTheirTiktokenVocabulary() {
        assertThat(GptTokenizer.vocabulary("gpt-4")).contains(EncodingType.CL100K_BASE);
        assertThat(GptTokenizer.vocabulary("gpt-4-turbo-2024-04-09")).contains(EncodingType.CL100K_BASE);
        assertThat(GptTokenizer.vocabulary("gpt-3.5-turbo")).contains(EncodingType.CL100K_BASE);
        assertThat(GptTokenizer.vocabulary("gpt-4o-mini")).contains(EncodingType.O200K_BASE);
        assertThat(GptTokenizer.vocabulary("gpt-4.1-nano")).contains(EncodingType.O200K_BASE);
        assertThat(GptTokenizer.vocabulary("openai/gpt-5")).contains(EncodingType.O200K_BASE);
        assertThat(GptTokenizer.vocabulary("o3-mini")).contains(EncodingType.O200K_BASE);
        assertThat(GptTokenizer.vocabulary("o1")).contains(EncodingType.O200K_BASE);
        assertThat(GptTokenizer.vocabulary("claude-sonnet-4-5")).isEmpty();
        assertThat(GptTokenizer.vocabulary("gemini-2.5-pro")).isEmpty();
        assertThat(GptTokenizer.vocabulary("o2-like")).isEmpty();
    }

    @Test
    void tiktokenCountsAreExactAndSpecialTokenTextIsOrdinary() {
        Optional<TokenCounter.TokenCount> count = GptTokenizer.INSTANCE.count(
                new CountRequest("gpt-4o", new byte[0], "Hello world", "<|endoftext|>", 13));

        assertThat(count).isPresent();
        assertThat(count.get().inputTokens()).isEqualTo(2);
        assertThat(count.get().outputTokens()).isGreaterThan(1);
        assertThat(GptTokenizer.INSTANCE.count(new CountRequest("llama-3", new byte[0], "x", "y", 1))).isEmpty();
    }

    @Test
    void requestTextKeepsContentAndDropsIdentifiersAndBinaryData() {
        String body = """
                {"model":"gpt-4o","stream":true,"messages":[
                  {"role":"system","content":"Be brief."},
                  {"role":"user","content":[{"type":"text","text":"What is this?"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
                  {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"look","arguments":"{\\"q\\":1}"}}]}],
                 "stop":["END"],"tools":[{"type":"function","function":{"name":"look","description":"Looks things up"}}]}""";

        assertThat(RequestText.of(body.getBytes(UTF_8)).split("\n"))
                .containsExactly("Be brief.", "What is this?", "look", "{\"q\":1}", "END", "look", "Looks things up");
    }

    @Test
    void producedTextIsCollectedPerDialectFromContentEventsOnly() {
        assertThat(text(Kind.CLAUDE_MESSAGES, "claude/stream-repeated-input.sse")).isEqualTo("Hello world");
        assertThat(text(Kind.OPENAI_CHAT, "openai-chat/stream-include-usage.sse")).isEqualTo("Hello world");
        assertThat(text(Kind.OPENAI_RESPONSES, "openai-responses/stream.sse")).isEqualTo("Hi there");
        assertThat(text(Kind.GEMINI_GENERATE, "gemini/stream-cumulative.sse")).isEqualTo("The quick brown fox.");
    }

    @Test
    void producedTextOfABodyIsItsContent() {
        assertThat(StreamText.ofBody(Kind.CLAUDE_MESSAGES, UsageFixtures.bytes("claude/body-cache-ttl.json")).text())
                .isEqualTo("Done.");
        assertThat(StreamText.ofBody(Kind.GEMINI_GENERATE, UsageFixtures.bytes("gemini/body-image.json")).text())
                .isEqualTo("Here you go");
    }

    @Test
    void producedTextBeyondTheBoundIsCountedNotKept() {
        StreamText text = new StreamText(Kind.CLAUDE_MESSAGES);
        String chunk = "x".repeat(100_000);
        for (int i = 0; i < 12; i++) {
            text.observe(SseEvent.of("content_block_delta",
                    "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + chunk + "\"}}"));
        }

        assertThat(text.characters()).isEqualTo(1_200_000);
        assertThat(text.text()).hasSize(StreamText.MAX_KEPT_CHARS);
        assertThat(text.truncated()).isTrue();
        assertThat(CountRequest.of("m", new byte[] {'{', '}'}, text).outputCharacters()).isEqualTo(1_200_000);
    }

    private static String text(Kind kind, String fixture) {
        StreamText text = new StreamText(kind);
        UsageFixtures.events(fixture).forEach(text::observe);
        return text.text();
    }
}
