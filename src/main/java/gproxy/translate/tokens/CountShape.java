package gproxy.translate.tokens;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.translate.UpstreamAnswers;

/**
 * One vendor's count-tokens wire shape: how its request wraps a generation request, and how its
 * answer carries the count. Claude's {@code /v1/messages/count_tokens} takes a Messages body without
 * {@code max_tokens} and answers {@code input_tokens}; Gemini's {@code :countTokens} takes
 * {@code contents} or a whole {@code generateContentRequest} and answers {@code totalTokens}; OpenAI's
 * {@code /v1/responses/input_tokens} takes a Responses body and answers
 * {@code {"object":"response.input_tokens","input_tokens":N}}.
 */
public enum CountShape {
    CLAUDE(Kind.CLAUDE_MESSAGES, "input_tokens",
            List.of("model", "messages", "system", "tools", "tool_choice", "thinking", "mcp_servers")),
    GEMINI(Kind.GEMINI_GENERATE, "totalTokens",
            List.of("contents", "systemInstruction", "tools", "toolConfig", "cachedContent")),
    OPENAI(Kind.OPENAI_RESPONSES, "input_tokens",
            List.of("model", "input", "instructions", "tools", "tool_choice", "reasoning", "text",
                    "parallel_tool_calls", "previous_response_id", "conversation", "truncation"));

    /** A Claude generation request needs {@code max_tokens}; a count body has none, and drops it again. */
    private static final int PLACEHOLDER_MAX_TOKENS = 1024;

    private final Kind content;
    private final String countField;
    private final List<String> kept;

    CountShape(Kind content, String countField, List<String> kept) {
        this.content = content;
        this.countField = countField;
        this.kept = kept;
    }

    /** The shape of a family's count-tokens operation. */
    public static CountShape of(Kind kind) {
        return switch (kind.family()) {
            case CLAUDE -> CLAUDE;
            case GEMINI -> GEMINI;
            case OPENAI -> OPENAI;
        };
    }

    /** The content dialect whose generation requests this shape counts. */
    public Kind content() {
        return content;
    }

    /** A client's count body as a generation request of {@link #content()}, for a content converter. */
    byte[] generation(byte[] countBody) {
        JsonNode parsed = Json.parse(countBody);
        if (!parsed.isObject()) {
            throw GatewayException.invalid("body", "is not a JSON object");
        }
        ObjectNode body = ((ObjectNode) parsed).deepCopy();
        switch (this) {
            case CLAUDE -> {
                if (!body.has("max_tokens")) {
                    body.put("max_tokens", PLACEHOLDER_MAX_TOKENS);
                }
            }
            case GEMINI -> {
                JsonNode wrapped = body.path("generateContentRequest");
                if (wrapped.isObject()) {
                    body = ((ObjectNode) wrapped).deepCopy();
                }
                body.remove("model");
            }
            case OPENAI -> { }
        }
        return Json.bytes(body);
    }

    /** A generation request of {@link #content()} cut to what this count endpoint accepts. */
    byte[] count(byte[] generation, String upstreamModel) {
        JsonNode parsed = Json.parse(generation);
        ObjectNode kept = Json.object();
        for (String field : this.kept) {
            if (parsed.has(field)) {
                kept.set(field, parsed.get(field));
            }
        }
        if (this != GEMINI) {
            kept.put("model", upstreamModel);
            return Json.bytes(kept);
        }
        // the generation request as a whole, so system instructions and tools are counted too
        kept.put("model", upstreamModel.startsWith("models/") ? upstreamModel : "models/" + upstreamModel);
        ObjectNode out = Json.object();
        out.set("generateContentRequest", kept);
        return Json.bytes(out);
    }

    /** The count in an upstream answer of this shape: 502 when it has none. */
    long read(byte[] answer) {
        JsonNode value = UpstreamAnswers.object(answer, "count tokens").path(countField);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw UpstreamAnswers.missing("count tokens", countField);
        }
        return value.asLong();
    }

    /** The answer a client of this shape reads. */
    public byte[] answer(long tokens) {
        ObjectNode out = Json.object();
        if (this == OPENAI) {
            out.put("object", "response.input_tokens");
        }
        out.put(countField, tokens);
        return Json.bytes(out);
    }
}
