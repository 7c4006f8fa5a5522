package gproxy.engine;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.Operation;
import gproxy.protocol.OperationKey;

/**
 * What each vendor's count-tokens endpoint is sent and answers (reference §8): the generation request
 * as the upstream received it, cut to the fields the endpoint accepts, and the produced text wrapped
 * as one user message. Claude answers {@code input_tokens}, Gemini {@code totalTokens}, OpenAI's
 * {@code /v1/responses/input_tokens} {@code input_tokens}. OpenAI Chat bodies are not counted here:
 * the endpoint takes Responses input, and GPT models are counted exactly by the local tokenizer first.
 */
enum CountTokensBodies {
    CLAUDE(Kind.CLAUDE, "input_tokens", List.of("model", "messages", "system", "tools", "tool_choice", "thinking")),
    GEMINI(Kind.GEMINI, "totalTokens", List.of("contents", "systemInstruction", "tools", "toolConfig")),
    OPENAI(Kind.OPENAI, "input_tokens", List.of("model", "input", "instructions", "tools", "tool_choice"));

    private final Kind countKind;
    private final String answerField;
    private final List<String> kept;

    CountTokensBodies(Kind countKind, String answerField, List<String> kept) {
        this.countKind = countKind;
        this.answerField = answerField;
        this.kept = kept;
    }

    /** The shape for an upstream that answered in {@code upstream}; empty when it has no count endpoint. */
    static Optional<CountTokensBodies> of(Kind upstream) {
        return switch (upstream) {
            case CLAUDE_MESSAGES -> Optional.of(CLAUDE);
            case GEMINI_GENERATE -> Optional.of(GEMINI);
            case OPENAI_RESPONSES -> Optional.of(OPENAI);
            default -> Optional.empty();
        };
    }

    OperationKey key() {
        return OperationKey.of(Operation.COUNT_TOKENS, countKind);
    }

    /** The request's own count body; empty when the body is not a JSON object. */
    Optional<byte[]> input(String model, byte[] upstreamBody) {
        JsonNode parsed;
        try {
            parsed = Json.parse(upstreamBody);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!parsed.isObject()) {
            return Optional.empty();
        }
        ObjectNode kept = Json.object();
        for (String field : this.kept) {
            if (parsed.has(field)) {
                kept.set(field, parsed.get(field));
            }
        }
        return Optional.of(Json.bytes(wrap(model, kept)));
    }

    /** The produced text as one user message. */
    byte[] output(String model, String text) {
        ObjectNode body = Json.object();
        switch (this) {
            case CLAUDE -> body.putArray("messages").addObject().put("role", "user").put("content", text);
            case GEMINI -> body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject()
                    .put("text", text);
            case OPENAI -> body.put("input", text);
        }
        return Json.bytes(wrap(model, body));
    }

    /** The count in an answer body; empty when it has none. */
    Optional<Long> answer(byte[] body) {
        try {
            JsonNode value = Json.parse(body).get(answerField);
            return value != null && value.canConvertToLong() && value.asLong() >= 0
                    ? Optional.of(value.asLong()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private ObjectNode wrap(String model, ObjectNode body) {
        if (this == GEMINI) {
            // the generation request as a whole, so system instructions and tools are counted too
            ObjectNode request = body.deepCopy();
            if (!request.has("contents")) {
                return body;
            }
            request.put("model", model.startsWith("models/") ? model : "models/" + model);
            ObjectNode out = Json.object();
            out.set("generateContentRequest", request);
            return out;
        }
        body.put("model", model);
        return body;
    }
}
