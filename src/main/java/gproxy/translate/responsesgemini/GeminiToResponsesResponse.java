package gproxy.translate.responsesgemini;

import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.SseEvent;
import gproxy.translate.Translation;
import gproxy.translate.TranslationContext;

/**
 * A Gemini {@code GenerateContentResponse} → a Responses {@code response}. The answer goes through
 * the stream converter as one chunk ({@link GeminiToResponsesStream#whole()}), so whole and streamed
 * answers carry the same items, ids and call ids. The first candidate is the answer; a prompt Gemini
 * blocked before answering is {@code incomplete} for {@code content_filter}, with no output.
 */
final class GeminiToResponsesResponse implements Translation.ResponseTranslator {
    private final Clock clock;

    GeminiToResponsesResponse(Clock clock) {
        this.clock = clock;
    }

    @Override
    public byte[] translate(byte[] upstreamBody, TranslationContext context) {
        JsonNode parsed = Json.parse(upstreamBody);
        GeminiToResponsesStream converter = new GeminiToResponsesStream(clock);
        converter.onEvent(SseEvent.data(Json.text(parsed)));
        ObjectNode response = converter.whole();
        response.put("model", context.clientModel());
        return Json.bytes(response);
    }
}
