package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.CACHE_MARKERS;
import static gproxy.translate.Conformance.IMAGES;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.SYSTEM;
import static gproxy.translate.Conformance.TEXT;
import static gproxy.translate.Conformance.THINKING;
import static gproxy.translate.Conformance.TOOLS;
import static gproxy.translate.Conformance.TOOL_STREAMING;
import static gproxy.translate.Conformance.USAGE;
import static gproxy.translate.Conformance.Verdict.APPROXIMATED;
import static gproxy.translate.Conformance.Verdict.DROPPED;
import static gproxy.translate.Conformance.Verdict.SUPPORTED;
import static gproxy.translate.claudechat.Golden.CLAUDE_CLIENT;
import static gproxy.translate.claudechat.Golden.OPENAI_CLIENT;
import static gproxy.translate.claudechat.Golden.assertSameEvents;
import static gproxy.translate.claudechat.Golden.assertSameJson;
import static gproxy.translate.claudechat.Golden.json;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;
import gproxy.translate.Conformance.Feature;
import gproxy.translate.TranslationContext;

/**
 * Golden fixtures of a Claude Messages client served by an OpenAI Chat upstream
 * ({@code fixtures/claude-to-openai-chat/}). Where the pair is lossless the fixture is also checked
 * the other way, through the opposite pair's converter.
 */
class ClaudeToOpenAiChatGoldenTest {
    private static final String DIR = "claude-to-openai-chat/";

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TEXT, verdict = SUPPORTED,
            note = "multi-turn string and block content; max_tokens -> max_completion_tokens")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = SYSTEM, verdict = SUPPORTED,
            note = "top-level system -> leading system message")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOLS, verdict = SUPPORTED,
            note = "tools, tool_choice auto/any/tool/none, disable_parallel_tool_use, tool_use/tool_result <->"
                    + " tool_calls + role:tool, parallel calls")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = IMAGES, verdict = SUPPORTED,
            note = "base64 -> data URL, url -> url; base64 PDF document -> file part (title = filename)")
    @ParameterizedTest
    @ValueSource(strings = {"basic", "tools", "images"})
    void losslessRequestsConvertBothWays(String name) {
        JsonNode claude = json(DIR + name + ".client-request.json");
        JsonNode openAi = json(DIR + name + ".upstream-request.json");

        assertSameJson(json(CLAUDE_CLIENT.request().translate(Json.bytes(claude), Golden.context())), openAi);
        assertSameJson(json(OPENAI_CLIENT.request().translate(Json.bytes(openAi), modelled(claude))), claude);
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = SYSTEM, verdict = APPROXIMATED,
            note = "several system blocks are joined by blank lines into one string")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = THINKING, verdict = APPROXIMATED,
            note = "thinking budget -> reasoning_effort (<=2048 low, <=8192 medium, else high; adaptive effort"
                    + " kept, max/xhigh -> xhigh); thinking blocks in history are dropped (OpenAI rejects them)")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = CACHE_MARKERS, verdict = DROPPED,
            note = "cache_control dropped (OpenAI caches prefixes itself); prompt_cache_key from the context,"
                    + " else a hash of system + first message")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOLS, verdict = APPROXIMATED,
            note = "server tools (web search, bash, ...) dropped; is_error -> 'Error: ' prefix; images in a"
                    + " tool_result move to the next user message")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = "unknown fields", verdict = DROPPED,
            note = "top_k, context_management, container, mcp_servers and unknown fields are not sent (OpenAI"
                    + " rejects unknown arguments)")
    @Test
    void claudeCodeRequestKeepsItsMeaningAndLosesOnlyWhatOpenAiCannotHold() {
        TranslationContext context = new TranslationContext("upstream-model", "client-model", true,
                Optional.of("session-y"));

        byte[] out = CLAUDE_CLIENT.request().translate(Golden.bytes(DIR + "claude-code.client-request.json"), context);

        assertSameJson(json(out), json(DIR + "claude-code.upstream-request.json"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = USAGE, verdict = SUPPORTED,
            note = "prompt_tokens = input + cache read + cache write; cached_tokens -> cache_read_input_tokens,"
                    + " cache_write_tokens -> cache_creation_input_tokens; totals equal")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = STOP_REASONS, verdict = APPROXIMATED,
            note = "stop -> end_turn, length -> max_tokens, tool_calls -> tool_use, content_filter -> refusal;"
                    + " OpenAI does not say which stop sequence matched, so stop_sequence is never reported")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = THINKING, verdict = SUPPORTED,
            note = "reasoning_details (OpenRouter) -> thinking/redacted_thinking blocks with signatures;"
                    + " reasoning_content alone -> an unsigned thinking block")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-calls", "thinking"})
    void losslessResponsesConvertBothWays(String name) {
        JsonNode openAi = json(DIR + name + ".upstream-response.json");
        JsonNode claude = json(DIR + name + ".client-response.json");

        assertSameJson(json(CLAUDE_CLIENT.response().translate(Json.bytes(openAi), Golden.context())), claude);
        assertSameJson(json(OPENAI_CLIENT.response().translate(Json.bytes(claude), Golden.context())), openAi);
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = "response extras", verdict = DROPPED,
            note = "system_fingerprint, service_tier, annotations, logprobs, reasoning_tokens detail: no Claude field")
    @Test
    void fullOpenAiAnswerKeepsContentReasoningAndEveryToken() {
        byte[] out = CLAUDE_CLIENT.response().translate(Golden.bytes(DIR + "full.upstream-response.json"),
                Golden.context());

        assertSameJson(json(out), json(DIR + "full.client-response.json"));
    }

    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "tool_calls fragments -> tool_use blocks with input_json_delta, one block per call, text and"
                    + " tool blocks in arrival order with increasing indexes")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = USAGE, verdict = SUPPORTED,
            note = "stream: include_usage is requested; the final message_delta carries input, cache and output"
                    + " counts (message_start says 0: OpenAI reports usage last)")
    @Feature(client = CLAUDE_MESSAGES, upstream = OPENAI_CHAT, name = THINKING, verdict = SUPPORTED,
            note = "stream: reasoning / reasoning_content deltas -> thinking_delta, reasoning_details signature"
                    + " -> signature_delta")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "reasoning"})
    void streamsConvertEventByEvent(String name) {
        assertSameEvents(Golden.run(CLAUDE_CLIENT.streamConverter().get(), Golden.sse(DIR + name + ".upstream.sse")),
                Golden.sse(DIR + name + ".client.sse"));
    }

    private static TranslationContext modelled(JsonNode request) {
        return new TranslationContext(request.path("model").asText(), "client-model", false, Optional.empty());
    }
}
