package gproxy.translate.geminichat;

import gproxy.translate.gemini.SchemaFromGemini;
import gproxy.translate.gemini.SchemaToGemini;
import static gproxy.translate.golden.Golden.assertSameJson;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/** Where a trip through the other dialect and back loses nothing, it must give back the same body. */
class GeminiChatRoundTripTest {
    private static final String DIR = "gemini-to-openai-chat/";

    @Test
    void aGeminiRequestThroughChatAndBackIsTheSameRequest() {
        byte[] chat = new GeminiToOpenAiChatRequest().translate(bytes(DIR + "roundtrip-conversation.gemini.json"), Contexts.toChat(false));
        byte[] back = new OpenAiChatToGeminiRequest().translate(chat, Contexts.toGemini(false));
        assertSameJson(Json.parse(back), json(DIR + "roundtrip-conversation.gemini.json"));
    }

    @Test
    void aGeminiAnswerThroughChatAndBackKeepsTextThoughtsFinishAndUsage() {
        String gemini = """
                {"candidates":[{"content":{"parts":[{"text":"Let me think","thought":true},{"text":"Answer"}],"role":"model"},
                 "finishReason":"MAX_TOKENS","index":0}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":5,"cachedContentTokenCount":64,"totalTokenCount":125},
                 "modelVersion":"gemini-2.5-flash","responseId":"r-1"}""";
        byte[] chat = new GeminiToOpenAiChatResponse(Contexts.CLOCK).translate(gemini.getBytes(StandardCharsets.UTF_8), Contexts.toGemini(false));
        JsonNode back = Json.parse(new OpenAiChatToGeminiResponse().translate(chat,
                new gproxy.translate.TranslationContext("x", "gemini-2.5-flash", false, java.util.Optional.empty())));
        JsonNode expected = Json.parse(gemini);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).put("responseId", "chatcmpl-r-1");
        assertSameJson(back, expected);
    }

    @Test
    void usageSurvivesBothDialectsTokenForToken() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            long input = random.nextInt(1_000_000);
            long output = random.nextInt(100_000);
            TokenUsage usage = new TokenUsage(input, output, random.nextLong(input + 1), random.nextLong(output + 1), input + output);
            assertThat(GeminiUsage.read(GeminiUsage.write(usage))).isEqualTo(usage);
            assertThat(ChatUsage.read(ChatUsage.write(usage))).isEqualTo(usage);
        }
    }

    @Test
    void aGeminiTotalAboveItsPartsKeepsTheSurplusAsOutput() {
        TokenUsage usage = GeminiUsage.read(Json.parse("{\"promptTokenCount\":10,\"candidatesTokenCount\":5,\"totalTokenCount\":20}"));
        assertThat(usage).isEqualTo(new TokenUsage(10, 10, 0, 0, 20));
    }

    @Test
    void theSupportedJsonSchemaSubsetSurvivesGeminisSchema() {
        JsonNode schema = Json.parse("""
                {"type":"object","description":"d","properties":{
                  "a":{"type":"string","enum":["x","y"],"minLength":1,"maxLength":9,"pattern":"^[a-z]+$","format":"date-time"},
                  "b":{"type":["number","null"],"minimum":0,"maximum":1.5},
                  "c":{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":3},
                  "d":{"anyOf":[{"type":"string"},{"type":"integer"}]}},
                 "required":["a","c"],"minProperties":1,"maxProperties":4,"title":"t"}""");
        assertSameJson(SchemaFromGemini.convert(SchemaToGemini.convert(schema)), schema);
    }

    @Test
    void recursiveRefsAreCutInsteadOfLoopingForever() {
        JsonNode schema = Json.parse("""
                {"type":"object","properties":{"child":{"$ref":"#"}}}""");
        JsonNode converted = SchemaToGemini.convert(schema);
        assertThat(converted.at("/properties/child/properties/child/type").asText()).isEqualTo("OBJECT");
        assertThat(Json.text(converted).length()).isLessThan(10_000);
    }
}
