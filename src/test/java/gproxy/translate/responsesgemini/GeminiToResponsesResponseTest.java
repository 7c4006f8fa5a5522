package gproxy.translate.responsesgemini;

import static gproxy.protocol.Kind.GEMINI_GENERATE;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;

class GeminiToResponsesResponseTest {
    private static final String DIR = "responses-to-gemini/";

    private static JsonNode convert(byte[] gemini) {
        return Json.parse(ResponsesGemini.clientResponses(Contexts.CLOCK).response().translate(gemini, Contexts.toGemini(false)));
    }

    private static JsonNode convert(String gemini) {
        return convert(gemini.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thoughtsTextAndCallsMatchTheGolden() {
        assertJson(convert(bytes(DIR + "response-tools.gemini.json")), DIR + "response-tools.responses.json");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = THINKING, verdict = APPROXIMATED,
            note = "thought parts → a reasoning item's summary; thoughtSignature → encrypted_content (thought/text parts) or the call_id (calls)")
    @Test
    void thoughtsAreAReasoningItemWhoseSignatureIsItsEncryptedContent() {
        JsonNode reasoning = convert(bytes(DIR + "response-tools.gemini.json")).at("/output/0");
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo("Two cities, two calls.");
        assertThat(reasoning.get("encrypted_content").asText()).isEqualTo("gproxy-gs:c2lnLXRob3VnaHQ=");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = "tool calls", verdict = SUPPORTED,
            note = "each functionCall → a function_call item; call ids synthesised stably, Gemini's id and signature carried inside")
    @Test
    void eachCallIsAFunctionCallItemAndASignedCallCarriesItsSignatureInTheCallId() {
        JsonNode output = convert(bytes(DIR + "response-tools.gemini.json")).get("output");
        assertThat(output.valueStream().map(i -> i.get("type").asText())).containsExactly("reasoning", "message", "function_call", "function_call");
        String signed = output.get(2).get("call_id").asText();
        assertThat(CallIds.read(signed).signature()).contains("c2lnLWNhbGw=");
        assertThat(output.get(3).get("call_id").asText()).matches("call_[0-9a-f]{24}");
        assertThat(output.get(3).get("arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(convert(bytes(DIR + "response-tools.gemini.json")).get("output")).as("stable").isEqualTo(output);
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = USAGE, verdict = SUPPORTED,
            note = "prompt (+tool-use prompt) → input, candidates + thoughts → output, thoughts → reasoning_tokens, cachedContent → cached_tokens; totals equal")
    @Test
    void usageCountsThoughtsAsReasoningOutputAndCachedTokensAsCachedInput() {
        JsonNode usage = convert(bytes(DIR + "response-tools.gemini.json")).get("usage");
        assertThat(usage).isEqualTo(Json.parse("""
                {"input_tokens":900,"input_tokens_details":{"cached_tokens":768,"cache_write_tokens":0},"output_tokens":42,
                 "output_tokens_details":{"reasoning_tokens":12},"total_tokens":942}"""));
        JsonNode tooling = convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\"STOP\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":10,\"toolUsePromptTokenCount\":5,\"candidatesTokenCount\":3,\"totalTokenCount\":20}}").get("usage");
        assertThat(TokenUsage.fromResponses(tooling)).isEqualTo(new TokenUsage(15, 5, 0, 0, 20));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = GEMINI_GENERATE, name = STOP_REASONS, verdict = APPROXIMATED,
            note = "STOP → completed, MAX_TOKENS → incomplete(max_output_tokens), SAFETY/RECITATION/BLOCKLIST/… and blocked prompts → incomplete(content_filter); OTHER and MALFORMED_FUNCTION_CALL read as completed")
    @Test
    void maxTokensAndBlockReasonsAreIncompleteWithTheirReason() {
        JsonNode length = convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Once\"}]},\"finishReason\":\"MAX_TOKENS\"}]}");
        assertThat(length.get("status").asText()).isEqualTo("incomplete");
        assertThat(length.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        assertThat(length.at("/output/0/status").asText()).isEqualTo("incomplete");
        for (String reason : new String[] {"SAFETY", "RECITATION", "PROHIBITED_CONTENT"}) {
            JsonNode filtered = convert("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"" + reason + "\"}]}");
            assertThat(filtered.at("/incomplete_details/reason").asText()).as(reason).isEqualTo("content_filter");
        }
        JsonNode blocked = convert("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":4,\"totalTokenCount\":4}}");
        assertThat(blocked.get("status").asText()).isEqualTo("incomplete");
        assertThat(blocked.at("/incomplete_details/reason").asText()).isEqualTo("content_filter");
        assertThat(blocked.get("output")).isEmpty();
        assertThat(blocked.at("/usage/input_tokens").asLong()).isEqualTo(4);
    }

    @Test
    void theEnvelopeEchoesTheClientsModelAndSaysNothingIsStored() {
        JsonNode response = convert(bytes(DIR + "response-tools.gemini.json"));
        assertThat(response.get("id").asText()).isEqualTo("resp_gem-r1");
        assertThat(response.get("model").asText()).isEqualTo("gemini-flash");
        assertThat(response.get("created_at").asLong()).isEqualTo(1_700_000_000L);
        assertThat(response.get("store").asBoolean()).isFalse();
        assertThat(response.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void unknownPartsAndFieldsAreDroppedNotACrash() {
        JsonNode response = convert("{\"candidates\":[{\"content\":{\"parts\":[{\"executableCode\":{\"code\":\"1\"}},{\"text\":\"ok\"},"
                + "{\"somethingNew\":{}}]},\"finishReason\":\"SOMETHING_NEW\",\"groundingMetadata\":{}}],\"newField\":1}");
        assertThat(response.get("output")).hasSize(1);
        assertThat(response.at("/output/0/content/0/text").asText()).isEqualTo("ok");
        assertThat(response.get("status").asText()).isEqualTo("completed");
    }
}
