package gproxy.translate.responsesgemini;

import static gproxy.translate.golden.Golden.assertSameJson;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;

/** Where a trip through the other dialect and back loses nothing, it must give back the same body. */
class ResponsesGeminiRoundTripTest {
    private static final String DIR = "gemini-to-responses/";

    @Test
    void aGeminiRequestThroughResponsesAndBackIsTheSameRequest() {
        byte[] responses = new GeminiToResponsesRequest().translate(bytes(DIR + "roundtrip-conversation.gemini.json"), Contexts.toResponses(false));
        byte[] back = new ResponsesToGeminiRequest().translate(responses, Contexts.toGemini(false));
        assertSameJson(Json.parse(back), json(DIR + "roundtrip-conversation.gemini.json"));
    }

    @Test
    void aGeminiAnswerThroughResponsesAndBackKeepsTextThoughtsFinishAndUsage() {
        String gemini = """
                {"candidates":[{"content":{"parts":[{"text":"Let me think","thought":true},{"text":"Answer"}],"role":"model"},
                 "finishReason":"MAX_TOKENS","index":0}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":20,"thoughtsTokenCount":5,"cachedContentTokenCount":64,"totalTokenCount":125},
                 "modelVersion":"gemini-2.5-flash","responseId":"r-1"}""";
        byte[] responses = ResponsesGemini.clientResponses(Contexts.CLOCK).response().translate(gemini.getBytes(StandardCharsets.UTF_8), Contexts.toGemini(false));
        JsonNode back = Json.parse(ResponsesGemini.clientGemini().response().translate(responses, Contexts.toResponses(false)));
        ObjectNode expected = (ObjectNode) Json.parse(gemini);
        expected.put("responseId", "resp_r-1");
        assertSameJson(back, expected);
    }

    @Test
    void aGeminiSignatureSurvivesAResponsesClientsNextTurn() {
        byte[] answer = bytes("responses-to-gemini/response-tools.gemini.json");
        JsonNode response = Json.parse(ResponsesGemini.clientResponses(Contexts.CLOCK).response().translate(answer, Contexts.toGemini(false)));
        ObjectNode next = Json.object();
        next.putArray("input").add(Json.object().put("role", "user").put("content", "Weather?")).addAll(
                (com.fasterxml.jackson.databind.node.ArrayNode) response.get("output"));
        JsonNode request = Json.parse(new ResponsesToGeminiRequest().translate(Json.bytes(next), Contexts.toGemini3()));
        JsonNode replayed = request.at("/contents/1/parts");
        assertThat(replayed).isEqualTo(Json.parse(answer).at("/candidates/0/content/parts"));
    }

    @Test
    void anOpenAiReasoningItemSurvivesAGeminiClientsNextTurn() {
        JsonNode answer = Json.parse(ResponsesGemini.clientGemini().response().translate(bytes(DIR + "response-tools.responses.json"),
                Contexts.toResponses(false)));
        ObjectNode next = Json.object();
        next.putArray("contents").add(Json.parse("{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]}"))
                .add(answer.at("/candidates/0/content"));
        JsonNode input = Json.parse(new GeminiToResponsesRequest().translate(Json.bytes(next), Contexts.toResponses(false))).get("input");
        assertThat(input.get(1)).isEqualTo(Json.parse("""
                {"type":"reasoning","summary":[{"type":"summary_text","text":"Two cities.\\n\\nTwo calls."}],"encrypted_content":"gAAAAABencrypted"}"""));
        assertThat(input.get(3).get("call_id").asText()).isEqualTo("call_p");
    }

    @Test
    void usageSurvivesBothDialectsTokenForToken() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            long input = random.nextInt(1_000_000);
            long output = random.nextInt(100_000);
            TokenUsage usage = new TokenUsage(input, output, random.nextLong(input + 1), random.nextLong(output + 1), input + output);
            assertThat(TokenUsage.fromGemini(usage.toGemini())).isEqualTo(usage);
            assertThat(TokenUsage.fromResponses(usage.toResponses())).isEqualTo(usage);
        }
    }

    @Test
    void aGeminiTotalAboveItsPartsKeepsTheSurplusAsOutput() {
        TokenUsage usage = TokenUsage.fromGemini(Json.parse("{\"promptTokenCount\":10,\"candidatesTokenCount\":5,\"totalTokenCount\":20}"));
        assertThat(usage).isEqualTo(new TokenUsage(10, 10, 0, 0, 20));
    }

    @Test
    void callIdsCarryGeminisIdAndSignatureAndForeignIdsCarryNothing() {
        String carried = CallIds.issue(java.util.Optional.of("g-1"), java.util.Optional.of("c2ln"), "seed");
        assertThat(carried).matches("call_gs_[A-Za-z0-9_-]+");
        assertThat(CallIds.read(carried)).isEqualTo(new CallIds.Carried(java.util.Optional.of("g-1"), java.util.Optional.of("c2ln")));
        assertThat(CallIds.read("call_gs_!!notbase64")).isEqualTo(CallIds.Carried.NOTHING);
        assertThat(CallIds.read("call_abc")).isEqualTo(CallIds.Carried.NOTHING);
        assertThat(CallIds.issue(java.util.Optional.empty(), java.util.Optional.empty(), "seed")).isEqualTo(CallIds.synthesize("seed"));
        assertThat(Signatures.openAiEncryptedContent(Signatures.thoughtSignature("gAAA-x_y"))).contains("gAAA-x_y");
        assertThat(Signatures.openAiEncryptedContent("c2lnLWNhbGw=")).isEmpty();
        assertThat(Signatures.geminiSignature("gAAAAABopenai")).isEmpty();
    }
}
