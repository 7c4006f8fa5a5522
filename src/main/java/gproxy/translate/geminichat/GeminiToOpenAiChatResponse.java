package gproxy.translate.geminichat;

import gproxy.translate.Nodes;
import java.time.Clock;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code GenerateContentResponse} → an OpenAI Chat completion, one choice per candidate.
 * A prompt Gemini blocked before answering (no candidates, {@code promptFeedback.blockReason})
 * becomes one empty choice finished by {@code content_filter}, as OpenAI reports a filtered prompt.
 */
final class GeminiToOpenAiChatResponse implements Translation.ResponseTranslator {
    private final Clock clock;

    GeminiToOpenAiChatResponse(Clock clock) {
        this.clock = clock;
    }

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode response = Json.parse(upstreamBody);
        String key = responseKey(response, upstreamBody);
        ObjectNode out = Json.object();
        out.put("id", "chatcmpl-" + key);
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", context.clientModel());
        ArrayNode choices = out.putArray("choices");
        for (JsonNode candidate : Nodes.elements(response, "candidates")) {
            choices.add(choice(candidate, key));
        }
        if (choices.isEmpty()) {
            ObjectNode blocked = choices.addObject().put("index", 0);
            blocked.putObject("message").put("role", "assistant").putNull("content");
            blocked.put("finish_reason", Nodes.has(response.path("promptFeedback"), "blockReason") ? "content_filter" : "stop");
            blocked.putNull("logprobs");
        }
        if (response.path("usageMetadata").isObject()) {
            out.set("usage", ChatUsage.write(GeminiUsage.read(response.get("usageMetadata"))));
        }
        return Json.bytes(out);
    }

    private static ObjectNode choice(JsonNode candidate, String key) {
        GeminiCandidateParts parts = GeminiCandidateParts.of(candidate, key, 0);
        ObjectNode choice = Json.object().put("index", candidate.path("index").asInt(0));
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (parts.text().isEmpty() && !parts.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", parts.text());
        }
        if (!parts.thoughts().isEmpty()) {
            message.put("reasoning_content", parts.thoughts());
        }
        if (!parts.toolCalls().isEmpty()) {
            message.putArray("tool_calls").addAll(parts.toolCalls());
        }
        String reason = Nodes.text(candidate, "finishReason").orElse("STOP");
        choice.put("finish_reason", FinishReasons.toChat(reason, !parts.toolCalls().isEmpty()));
        choice.putNull("logprobs");
        return choice;
    }

    /** Gemini's {@code responseId}, or a hash of the body when it sent none. */
    static String responseKey(JsonNode response, byte[] body) {
        return Nodes.text(response, "responseId").orElseGet(() ->
                HexFormat.of().formatHex(ToolCallIds.sha256(new String(body, java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24));
    }
}
