package gproxy.translate.claudechat;

import static gproxy.protocol.Kind.CLAUDE_MESSAGES;
import static gproxy.protocol.Kind.OPENAI_CHAT;
import static gproxy.translate.Conformance.CACHE_MARKERS;
import static gproxy.translate.Conformance.IMAGES;
import static gproxy.translate.Conformance.STOP_REASONS;
import static gproxy.translate.Conformance.STRUCTURED_OUTPUT;
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
 * Golden fixtures of an OpenAI Chat client served by a Claude Messages upstream
 * ({@code fixtures/openai-chat-to-claude/}); the lossless requests and responses are the first pair's
 * fixtures read the other way.
 */
class OpenAiChatToClaudeGoldenTest {
    private static final String DIR = "openai-chat-to-claude/";
    private static final String MIRROR = "claude-to-openai-chat/";

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TEXT, verdict = SUPPORTED,
            note = "multi-turn string and part content; max_completion_tokens/max_tokens -> max_tokens")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = SUPPORTED,
            note = "function tools, tool_choice auto/required/{function}/none, parallel_tool_calls: false,"
                    + " tool_calls + role:tool <-> tool_use/tool_result (consecutive results merged into one turn)")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = IMAGES, verdict = SUPPORTED,
            note = "data URL -> base64 source, URL -> url source; file part with a PDF data URL -> document")
    @ParameterizedTest
    @ValueSource(strings = {"basic", "tools", "images"})
    void losslessRequestsConvertBothWays(String name) {
        JsonNode openAi = json(MIRROR + name + ".upstream-request.json");
        JsonNode claude = json(MIRROR + name + ".client-request.json");
        TranslationContext context = new TranslationContext(claude.path("model").asText(), "client-model", false,
                Optional.empty());

        assertSameJson(json(OPENAI_CLIENT.request().translate(Json.bytes(openAi), context)), claude);
        assertSameJson(json(CLAUDE_CLIENT.request().translate(Json.bytes(claude), Golden.context())), openAi);
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = SYSTEM, verdict = APPROXIMATED,
            note = "system and developer messages join the top-level system in order; a mid-conversation one"
                    + " moves to the top (Claude has no system turn)")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = APPROXIMATED,
            note = "reasoning_effort -> thinking: adaptive + output_config.effort on Claude 4.6 and later,"
                    + " enabled + budget_tokens (1024/2048/8192/16384) on earlier models; signed reasoning_details"
                    + " -> thinking/redacted_thinking blocks again; temperature, top_k and top_p < 0.95 dropped"
                    + " with thinking")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TOOLS, verdict = APPROXIMATED,
            note = "strict and custom (grammar) tools dropped; tool ids outside [a-zA-Z0-9_-] rewritten to '_'"
                    + " on calls and results alike; forced choice becomes auto with thinking")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "unknown fields", verdict = DROPPED,
            note = "seed, logprobs, penalties, logit_bias, modalities, audio, store, metadata, stream_options"
                    + " and unknown fields are not sent (Claude rejects unknown fields)")
    @Test
    void agentHistoryRestoresSignedThinkingAndPairsToolResults() {
        assertOneWay("agent", new TranslationContext("upstream-model", "client-model", true, Optional.empty()));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "response_format json_schema/json_object -> a forced synthetic tool whose input is returned"
                    + " as the text answer (finish_reason stop); tool input, not constrained decoding")
    @Test
    void responseFormatBecomesAForcedTool() {
        assertOneWay("structured", Golden.context());
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = CACHE_MARKERS, verdict = APPROXIMATED,
            note = "prompt_cache_breakpoint parts -> cache_control ephemeral, last 4 kept (3 plus a request-level"
                    + " marker when prompt_cache_options.mode is implicit); 30m TTL becomes Claude's 5m")
    @Test
    void cacheBreakpointsBecomeCacheControlWithinClaudesLimit() {
        assertOneWay("cache", Golden.context());
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = SUPPORTED,
            note = "prompt_tokens = input + cache read + cache write, cached_tokens = cache read, cache_write_tokens"
                    + " = cache write; totals equal")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = STOP_REASONS, verdict = SUPPORTED,
            note = "end_turn/stop_sequence/pause_turn -> stop, max_tokens -> length, tool_use -> tool_calls,"
                    + " refusal -> content_filter")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = THINKING, verdict = SUPPORTED,
            note = "thinking -> reasoning_content (text) + reasoning_details (text, signature, redacted data)")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tool-calls", "thinking"})
    void losslessResponsesConvertBothWays(String name) {
        JsonNode claude = json(MIRROR + name + ".client-response.json");
        JsonNode openAi = json(MIRROR + name + ".upstream-response.json");

        assertSameJson(json(OPENAI_CLIENT.response().translate(Json.bytes(claude), Golden.context())), openAi);
        assertSameJson(json(CLAUDE_CLIENT.response().translate(Json.bytes(openAi), Golden.context())), claude);
    }

    @Test
    void structuredAnswerComesBackAsText() {
        byte[] out = OPENAI_CLIENT.response().translate(Golden.bytes(DIR + "structured.upstream-response.json"),
                Golden.context());

        assertSameJson(json(out), json(DIR + "structured.client-response.json"));
    }

    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = TOOL_STREAMING, verdict = SUPPORTED,
            note = "tool_use blocks -> tool_calls deltas numbered 0, 1, ... over tool blocks (id and name first,"
                    + " then argument fragments)")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = USAGE, verdict = SUPPORTED,
            note = "stream: message_start + message_delta usage -> one usage chunk (choices: []) before [DONE],"
                    + " sent whether or not the client asked for include_usage")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = STRUCTURED_OUTPUT, verdict = APPROXIMATED,
            note = "stream: the synthetic tool's input_json_delta streams as content deltas")
    @Feature(client = OPENAI_CHAT, upstream = CLAUDE_MESSAGES, name = "ping", verdict = SUPPORTED,
            note = "ping -> an SSE comment, so proxies keep the connection")
    @ParameterizedTest
    @ValueSource(strings = {"text", "tools", "structured"})
    void streamsConvertEventByEvent(String name) {
        assertSameEvents(Golden.run(new ClaudeToOpenAiChatStream(() -> Golden.CREATED), Golden.sse(DIR + name + ".upstream.sse")),
                Golden.sse(DIR + name + ".client.sse"));
    }

    private static void assertOneWay(String name, TranslationContext context) {
        byte[] out = OPENAI_CLIENT.request().translate(Golden.bytes(DIR + name + ".client-request.json"), context);

        assertSameJson(json(out), json(DIR + name + ".upstream-request.json"));
    }
}
