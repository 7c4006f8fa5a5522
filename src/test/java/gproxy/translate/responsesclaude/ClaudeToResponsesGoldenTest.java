package gproxy.translate.responsesclaude;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_RESPONSES;
import static gproxy.translate.Conformance.CACHE_MARKERS;
import static gproxy.translate.Conformance.IMAGES;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.STRUCTURED_OUTPUT;
import static gproxy.translate.Conformance.SYSTEM;
import static gproxy.translate.Conformance.TEXT;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.DROPPED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.golden.Golden.assertJson;
import static gproxy.translate.golden.Golden.assertSse;
import static gproxy.translate.golden.Golden.bytes;
import static gproxy.translate.golden.Golden.sse;
import static gproxy.translate.responsesclaude.Contexts.CLAUDE_TO_RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;

/** A Claude client served by a Responses upstream, held against the golden fixtures of the pair. */
class ClaudeToResponsesGoldenTest {
    private static final String DIR = CLAUDE_TO_RESPONSES;

    private static JsonNode upstreamRequest() {
        return Json.parse(ClaudeToResponsesRequest.translate(bytes(DIR + "request-conversation.client.json"),
                Contexts.toResponses(false)));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = TEXT, verdict = SUPPORTED,
            note = "user/assistant turns <-> message items (input_text / output_text); text blocks <-> output_text parts")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = SYSTEM, verdict = SUPPORTED,
            note = "system (string or blocks, joined by blank lines) <-> instructions")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = TOOLS, verdict = APPROXIMATED,
            note = "client tools, tool_use/tool_result <-> function_call/function_call_output, tool_choice, disable_parallel_tool_use; server tools dropped; is_error becomes an 'Error:' prefix")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = "documents", verdict = APPROXIMATED,
            note = "document base64/url -> input_file file_data/file_url, text documents -> input_text; Files API sources, content documents and citations settings dropped")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = "sampling", verdict = APPROXIMATED,
            note = "max_tokens -> max_output_tokens, temperature, top_p (not sent with thinking on: OpenAI's reasoning models reject them); top_k and stop_sequences dropped (Responses has neither)")
    @Test
    void aConversationRequestMatchesTheGolden() {
        assertJson(upstreamRequest(), DIR + "request-conversation.upstream.json");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = IMAGES, verdict = SUPPORTED,
            note = "image base64 -> input_image data URL, image url -> input_image URL")
    @Test
    void imagesBecomeInputImagesByDataUrlOrUrl() {
        JsonNode content = upstreamRequest().at("/input/0/content");
        assertThat(content.get(1).path("image_url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(content.get(2).path("image_url").asText()).isEqualTo("https://example.com/paris.jpg");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = THINKING, verdict = APPROXIMATED,
            note = "thinking budget/effort -> reasoning.effort (+ summary auto, encrypted content included); reasoning items -> thinking blocks with the summary as text and the item in the signature, and back; Claude-signed and redacted thinking dropped toward OpenAI")
    @Test
    void aThinkingBlockCarryingAReasoningItemIsThatItemAgainAndClaudesOwnAreDropped() {
        JsonNode input = upstreamRequest().path("input");
        assertThat(input.get(1)).isEqualTo(Json.parse("""
                {"id":"rs_abc","type":"reasoning","summary":[{"type":"summary_text","text":"The photo shows Paris."}],
                 "encrypted_content":"gAAAAABenc"}"""));
        assertThat(input.toString()).doesNotContain("EqQBCkYIBxgCKkBsig").doesNotContain("EmwKAhgBEgy3va");
        assertThat(upstreamRequest().path("reasoning")).isEqualTo(Json.parse("{\"effort\":\"medium\",\"summary\":\"auto\"}"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = CACHE_MARKERS, verdict = DROPPED,
            note = "cache_control dropped: OpenAI caches prefixes on its own; prompt_cache_key derived from system + first message steers it")
    @Test
    void cacheMarkersAreDroppedAndAPromptCacheKeyIsDerived() {
        assertThat(upstreamRequest().toString()).doesNotContain("cache_control");
        assertThat(upstreamRequest().path("prompt_cache_key").asText()).startsWith("gproxy-");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = STRUCTURED_OUTPUT, verdict = SUPPORTED,
            note = "output_config.format (or output_format) json_schema -> text.format json_schema, non-strict")
    @Test
    void claudesOutputFormatBecomesTextFormat() {
        assertThat(upstreamRequest().at("/text/format")).isEqualTo(Json.parse("""
                {"type":"json_schema","name":"output","schema":{"type":"object","properties":{"city":{"type":"string"}}}}"""));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = STOP_REASONS, verdict = APPROXIMATED,
            note = "completed -> end_turn or tool_use; incomplete max_output_tokens -> max_tokens, content_filter -> refusal; stop_sequence never (Responses has no stop)")
    @Test
    void aWholeAnswerWithReasoningTextAndToolCallsMatchesTheGolden() {
        assertJson(Contexts.claudeClientAnswer(bytes(DIR + "response-tools.upstream.json")), DIR + "response-tools.client.json");
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_RESPONSES, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "each function_call item is one tool_use block; arguments deltas -> input_json_delta (or the .done arguments when none streamed); block indexes from 0, one open at a time")
    @Test
    void aStreamWithReasoningTextAndTwoToolCallsMatchesTheGolden() {
        assertSse(Contexts.claudeClientStream(sse(DIR + "stream-tools.upstream.sse")), DIR + "stream-tools.client.sse");
    }
}
