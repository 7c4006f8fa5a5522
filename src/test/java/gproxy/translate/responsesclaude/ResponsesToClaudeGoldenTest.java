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
import static gproxy.translate.responsesclaude.Contexts.RESPONSES_TO_CLAUDE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Conformance.Feature;

/** A Responses client served by a Claude upstream, held against the golden fixtures of the pair. */
class ResponsesToClaudeGoldenTest {
    private static final String DIR = RESPONSES_TO_CLAUDE;

    private static JsonNode upstreamRequest() {
        return Json.parse(new ResponsesToClaudeRequest().translate(bytes(DIR + "request-conversation.client.json"),
                Contexts.toClaude(false)));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = TEXT, verdict = SUPPORTED,
            note = "input messages <-> user/assistant turns; output_text parts <-> text blocks")
    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = SYSTEM, verdict = APPROXIMATED,
            note = "instructions + system/developer messages join Claude's one system prompt; mid-conversation ones move to the front")
    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = APPROXIMATED,
            note = "function tools, function_call/function_call_output <-> tool_use/tool_result, tool_choice, parallel_tool_calls; built-in tools (web_search, file_search, ...) and custom tools dropped, allowed_tools keeps only its mode")
    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = "documents", verdict = APPROXIMATED,
            note = "input_file by file_data or file_url -> document; file_id dropped (OpenAI's store)")
    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = "sampling", verdict = APPROXIMATED,
            note = "temperature clamped to [0, 1], top_p dropped beside temperature or with thinking; max_output_tokens -> max_tokens, 4096 (+ thinking budget) when unset")
    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = "stored state", verdict = DROPPED,
            note = "store, include, truncation, metadata, prompt_cache_key dropped; previous_response_id, conversation, item_reference, background are 400s naming the field")
    @Test
    void aConversationRequestMatchesTheGolden() {
        assertJson(upstreamRequest(), DIR + "request-conversation.upstream.json");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = IMAGES, verdict = APPROXIMATED,
            note = "input_image URL or data URL -> image block; file_id images and detail dropped")
    @Test
    void imagesByUrlAndDataUrlBecomeImageBlocksAndFileIdsAreDropped() {
        JsonNode content = upstreamRequest().at("/messages/0/content");
        assertThat(content.get(1)).isEqualTo(Json.parse("""
                {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}"""));
        assertThat(content.get(2).at("/source/url").asText()).isEqualTo("https://example.com/paris.jpg");
        assertThat(content.get(3).at("/source/media_type").asText()).isEqualTo("application/pdf");
        assertThat(content).hasSize(4);
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = APPROXIMATED,
            note = "reasoning.effort -> thinking budget (or adaptive + effort on newer models); thinking blocks -> reasoning items with the text as summary and the signature in encrypted_content, and back, so signatures survive the round trip; reasoning items of other vendors dropped")
    @Test
    void aReasoningItemCarryingAClaudeSignatureIsAThinkingBlockAgainAndForeignOnesAreDropped() {
        JsonNode assistant = upstreamRequest().at("/messages/1/content");
        assertThat(assistant.get(0)).isEqualTo(Json.parse("""
                {"type":"thinking","thinking":"The photo shows Paris.","signature":"EqQBCkYIBxgCKkBsig"}"""));
        assertThat(assistant.toString()).doesNotContain("gAAAAABopenai");
        assertThat(upstreamRequest().path("thinking")).isEqualTo(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":8192}"));
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = CACHE_MARKERS, verdict = DROPPED,
            note = "Responses has no cache markers and Claude caches only what is marked: nothing is marked, prompt_cache_key and prompt_cache_retention are dropped")
    @Test
    void noCacheMarkerIsInventedAndThePromptCacheKeyIsNotSent() {
        assertThat(upstreamRequest().toString()).doesNotContain("cache_control").doesNotContain("session-42");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "text.format json_schema -> output_config.format (name and strict have no field); json_object becomes a system instruction")
    @Test
    void aJsonSchemaFormatBecomesClaudesOutputFormat() {
        assertThat(upstreamRequest().at("/output_config/format/type").asText()).isEqualTo("json_schema");
        assertThat(upstreamRequest().at("/output_config/format/schema/required/0").asText()).isEqualTo("city");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = STOP_REASONS, verdict = SUPPORTED,
            note = "end_turn/stop_sequence/tool_use -> completed; max_tokens -> incomplete max_output_tokens; refusal -> incomplete content_filter")
    @Test
    void aWholeAnswerWithThinkingTextAndToolCallsMatchesTheGolden() {
        assertJson(Contexts.responsesClientAnswer(bytes(DIR + "response-tools.upstream.json")), DIR + "response-tools.client.json");
    }

    @Feature(client = OPENAI_RESPONSES, upstream = CLAUDE_MESSAGES, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "each tool_use block is one function_call item; input_json_delta -> function_call_arguments.delta, with .done events, output_index and sequence_number")
    @Test
    void aStreamWithThinkingTextAndTwoToolCallsMatchesTheGolden() {
        List<SseEvent> out = Contexts.responsesClientStream(sse(DIR + "stream-tools.upstream.sse"));

        // the transcript holds events only; Claude's ping is an SSE comment for a Responses client
        assertSse(out.stream().filter(SseEvent::dispatchable).toList(), DIR + "stream-tools.client.sse");
        assertThat(out.stream().filter(e -> !e.dispatchable()).map(SseEvent::rawText)).containsExactly(": ping\n\n");
    }

    @Test
    void aStreamCutShortByMaxTokensMatchesTheGoldenAndIgnoresUnknownEvents() {
        assertSse(Contexts.responsesClientStream(sse(DIR + "stream-length.upstream.sse")), DIR + "stream-length.client.sse");
    }
}
