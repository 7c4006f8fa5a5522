package gproxy.translate.claudegemini;

import static gproxy.translate.claudegemini.Contexts.CLAUDE_TO_GEMINI;
import static gproxy.translate.claudegemini.Contexts.GEMINI_TO_CLAUDE;
import static gproxy.translate.golden.Golden.assertSameJson;
import static gproxy.translate.golden.Golden.data;
import static gproxy.translate.golden.Golden.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * Where the pair is lossless, going there and back is the identity: a request through one pair's
 * request converter and the other pair's comes back as it was, and an answer a client echoes as
 * history reaches its vendor again with its ids and signatures intact.
 */
class ClaudeGeminiRoundTripTest {
    private static final Translation CLAUDE_CLIENT = ClaudeGemini.clientClaude();
    private static final Translation GEMINI_CLIENT = ClaudeGemini.clientGemini();

    @Test
    void aClaudeRequestThroughGeminiAndBackIsUnchanged() {
        JsonNode claude = json(CLAUDE_TO_GEMINI + "roundtrip-request.claude.json");
        byte[] gemini = CLAUDE_CLIENT.request().translate(Json.bytes(claude), Contexts.toGemini());
        JsonNode back = Json.parse(GEMINI_CLIENT.request().translate(gemini,
                new TranslationContext("gemini-2.5-flash", "x", false, Optional.empty())));
        assertSameJson(back, claude);
    }

    @Test
    void aGeminiRequestThroughClaudeAndBackIsUnchanged() {
        JsonNode gemini = json(GEMINI_TO_CLAUDE + "roundtrip-request.gemini.json");
        byte[] claude = GEMINI_CLIENT.request().translate(Json.bytes(gemini), Contexts.toClaude(false));
        JsonNode back = Json.parse(CLAUDE_CLIENT.request().translate(claude, Contexts.toGemini()));
        assertSameJson(back, gemini);
    }

    @Test
    void aGeminiAnswerEchoedByAClaudeClientReachesGeminiWithItsSignaturesAndIds() {
        String model = """
                {"role":"model","parts":[
                  {"text":"Need the forecast.","thought":true,"thoughtSignature":"c2lnLXRob3VnaHQ="},
                  {"text":"Checking."},
                  {"functionCall":{"name":"forecast","args":{"city":"Lyon"}},"thoughtSignature":"c2lnLWNhbGw="},
                  {"functionCall":{"id":"g-2","name":"forecast","args":{"city":"Paris"}}}]}""";
        String answer = "{\"candidates\":[{\"content\":" + model + ",\"finishReason\":\"STOP\"}],\"responseId\":\"rt\"}";
        JsonNode message = Json.parse(CLAUDE_CLIENT.response().translate(answer.getBytes(StandardCharsets.UTF_8), Contexts.toGemini3()));
        ObjectNode next = Json.object().put("max_tokens", 100);
        next.putArray("messages").addObject().put("role", "user").put("content", "weather?");
        ObjectNode echoed = ((ArrayNode) next.get("messages")).addObject().put("role", "assistant");
        echoed.set("content", message.get("content"));

        JsonNode request = Json.parse(CLAUDE_CLIENT.request().translate(Json.bytes(next), Contexts.toGemini3()));

        assertSameJson(request.at("/contents/1"), Json.parse(model));
    }

    @Test
    void aClaudeAnswerEchoedByAGeminiClientReachesClaudeWithItsThinkingAndIds() {
        String content = """
                [{"type":"thinking","thinking":"Compare.","signature":"Y2xhdWRl"},
                 {"type":"redacted_thinking","data":"cmVkYWN0ZWQ="},
                 {"type":"text","text":"Lyon."},
                 {"type":"tool_use","id":"toolu_01F","name":"forecast","input":{"city":"Lyon"}},
                 {"type":"tool_use","id":"toolu_01G","name":"forecast","input":{"city":"Paris"}}]""";
        String message = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":" + content
                + ",\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
        JsonNode answer = Json.parse(GEMINI_CLIENT.response().translate(message.getBytes(StandardCharsets.UTF_8), Contexts.toClaude(false)));
        ObjectNode next = Json.object();
        next.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", "weather?");
        ((ArrayNode) next.get("contents")).add(answer.at("/candidates/0/content"));

        JsonNode request = Json.parse(GEMINI_CLIENT.request().translate(Json.bytes(next), Contexts.toClaude(false)));

        assertSameJson(request.at("/messages/1/content"), Json.parse(content));
        assertThat(request.at("/messages/1/role").asText()).isEqualTo("assistant");
    }

    @Test
    void aStreamedClaudeAnswerEchoedByAGeminiClientKeepsItsThinkingSignedAsOneBlock() {
        ObjectNode model = Json.object().put("role", "model");
        ArrayNode parts = model.putArray("parts");
        data(Contexts.geminiClientStream("stream-tools.claude.sse")).forEach(chunk ->
                chunk.at("/candidates/0/content/parts").forEach(p -> {
                    if (!p.path("text").asText("x").isEmpty() || p.has("thoughtSignature")) {
                        parts.add(p);
                    }
                }));
        ObjectNode next = Json.object();
        next.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", "weather?");
        ((ArrayNode) next.get("contents")).add(model);

        JsonNode request = Json.parse(GEMINI_CLIENT.request().translate(Json.bytes(next), Contexts.toClaude(false)));

        assertThat(request.at("/messages/1/content/0")).isEqualTo(Json.parse(
                "{\"type\":\"thinking\",\"thinking\":\"Weighing both.\",\"signature\":\"Y2xhdWRlLXNpZw==\"}"));
        assertThat(request.at("/messages/1/content/3/id").asText()).isEqualTo("toolu_01F");
    }
}
