package gproxy.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;

/**
 * Responses in each vendor's wire format, checked against the vendors' API references so the
 * official SDKs parse them. The {@code ...Events} methods give a stream's events as a list, for
 * tests that splice in an error or cut a stream short themselves.
 */
public final class FakeResponses {
    public static final String OPENAI_MODEL = "gpt-4o-mini";
    public static final String CLAUDE_MODEL = "claude-sonnet-4-5";
    public static final String GEMINI_MODEL = "gemini-2.5-flash";

    private FakeResponses() {
    }

    // OpenAI Chat Completions

    public static FakeResponse openAiChat(String text, Usage usage) {
        return openAiChat(OPENAI_MODEL, text, usage);
    }

    public static FakeResponse openAiChat(String model, String text, Usage usage) {
        return FakeResponse.json(Json.text(OpenAiFakes.chat(model, text, usage)));
    }

    /** A chat stream without a usage chunk (the client did not ask for {@code include_usage}). */
    public static FakeResponse openAiChatStream(List<String> deltas) {
        return FakeResponse.sse(OpenAiFakes.chatStream(OPENAI_MODEL, deltas, Optional.empty()));
    }

    /** A chat stream ending with the usage chunk ({@code choices: []}) and {@code data: [DONE]}. */
    public static FakeResponse openAiChatStream(List<String> deltas, Usage usage) {
        return FakeResponse.sse(openAiChatEvents(OPENAI_MODEL, deltas, Optional.of(usage)));
    }

    public static List<SseEvent> openAiChatEvents(String model, List<String> deltas, Optional<Usage> usage) {
        return OpenAiFakes.chatStream(model, deltas, usage);
    }

    // OpenAI Responses

    public static FakeResponse openAiResponses(String text, Usage usage) {
        return FakeResponse.json(Json.text(OpenAiResponsesFakes.response(OPENAI_MODEL, text, usage)));
    }

    public static FakeResponse openAiResponsesStream(List<String> deltas, Usage usage) {
        return FakeResponse.sse(openAiResponsesEvents(OPENAI_MODEL, deltas, usage));
    }

    public static List<SseEvent> openAiResponsesEvents(String model, List<String> deltas, Usage usage) {
        return OpenAiResponsesFakes.stream(model, deltas, usage);
    }

    // Anthropic Messages

    public static FakeResponse claudeMessage(String text, Usage usage) {
        return claudeMessage(CLAUDE_MODEL, text, usage);
    }

    public static FakeResponse claudeMessage(String model, String text, Usage usage) {
        return FakeResponse.json(Json.text(ClaudeFakes.message(model, text, usage)));
    }

    public static FakeResponse claudeStream(List<String> deltas, Usage usage) {
        return FakeResponse.sse(claudeEvents(CLAUDE_MODEL, deltas, usage));
    }

    public static List<SseEvent> claudeEvents(String model, List<String> deltas, Usage usage) {
        return ClaudeFakes.stream(model, deltas, usage);
    }

    /** The {@code event: error} Anthropic sends when a stream fails after it started. */
    public static SseEvent claudeStreamError(int status, String message) {
        return SseEvent.of("error", Json.text(ClaudeFakes.error(status, message)));
    }

    // Gemini

    public static FakeResponse geminiGenerate(String text, Usage usage) {
        return geminiGenerate(GEMINI_MODEL, text, usage);
    }

    public static FakeResponse geminiGenerate(String model, String text, Usage usage) {
        return FakeResponse.json(Json.text(GeminiFakes.generate(model, text, usage)));
    }

    /** {@code :streamGenerateContent?alt=sse}: {@code data:} events framed with CRLF, as Gemini does. */
    public static FakeResponse geminiStream(List<String> deltas, Usage usage) {
        return FakeResponse.sse(geminiEvents(GEMINI_MODEL, deltas, usage));
    }

    /** {@code :streamGenerateContent} without {@code alt=sse}: one JSON array, an element per chunk. */
    public static FakeResponse geminiStreamJsonArray(List<String> deltas, Usage usage) {
        return FakeResponse.jsonArrayStream(GeminiFakes.chunks(GEMINI_MODEL, deltas, usage));
    }

    public static List<SseEvent> geminiEvents(String model, List<String> deltas, Usage usage) {
        return GeminiFakes.chunks(model, deltas, usage).stream()
                .map(json -> new SseEvent(Optional.empty(), Optional.of(json), Optional.empty(), OptionalLong.empty(),
                        List.of(), ("data: " + json + "\r\n\r\n").getBytes(UTF_8)))
                .toList();
    }

    // Errors

    /** An OpenAI error with the type and code OpenAI uses for that status. */
    public static FakeResponse openAiError(int status, String message) {
        return openAiError(status, OpenAiFakes.errorType(status), OpenAiFakes.errorCode(status), message);
    }

    public static FakeResponse openAiError(int status, String type, Optional<String> code, String message) {
        return FakeResponse.json(status, Json.text(OpenAiFakes.error(type, code, message)));
    }

    public static FakeResponse claudeError(int status, String message) {
        return FakeResponse.json(status, Json.text(ClaudeFakes.error(status, message)));
    }

    public static FakeResponse geminiError(int status, String message) {
        return FakeResponse.json(status, Json.text(GeminiFakes.error(status, message)));
    }

    /**
     * An event stream gone wrong: one good chat chunk, then lines that are no SSE field, a data
     * field that is not JSON, a data field with truncated JSON, and [DONE].
     */
    public static FakeResponse malformedSse() {
        String good = OpenAiFakes.chatStream(OPENAI_MODEL, List.of("ok"), Optional.empty()).get(1).rawText();
        return FakeResponse.sseText(List.of(good, "this is not a field\n<html>502 Bad Gateway</html>\n\n",
                "data: not json at all\n\n", "data: {\"id\":\"chatcmpl-fake\",\"choices\":[{\"delta\":\n\n",
                "data: [DONE]\n\n"));
    }
}
