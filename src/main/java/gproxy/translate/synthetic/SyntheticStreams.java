package gproxy.translate.synthetic;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.protocol.Kind;
import gproxy.protocol.SseEvent;
import gproxy.translate.ClientEvents;
import gproxy.translate.StreamTranslator;
import gproxy.translate.TranslationContext;

/** The client's stream made of one whole answer in the client's dialect. */
public final class SyntheticStreams {
    private static final StreamTranslator NOTHING = new StreamTranslator() {
        @Override
        public List<SseEvent> onEvent(SseEvent upstreamEvent) {
            return List.of();
        }

        @Override
        public List<SseEvent> finish() {
            return List.of();
        }
    };

    private SyntheticStreams() {
    }

    /**
     * Every event of the stream {@code client} would have received for {@code whole}, under the
     * client's view of {@code context}. A body that is not a JSON object is the upstream's fault: 502.
     */
    public static List<SseEvent> of(Kind client, byte[] whole, TranslationContext context) {
        JsonNode parsed;
        try {
            parsed = Json.parse(whole);
        } catch (GatewayException e) {
            throw new GatewayException(502, "upstream_error", "upstream answer is not JSON", e);
        }
        if (!(parsed instanceof ObjectNode answer)) {
            throw new GatewayException(502, "upstream_error", "upstream answer is not a JSON object");
        }
        List<SseEvent> events = switch (client) {
            case OPENAI_CHAT -> ChatSynthesizer.events(answer);
            case OPENAI_RESPONSES -> ResponsesSynthesizer.events(answer);
            case CLAUDE_MESSAGES -> ClaudeSynthesizer.events(answer);
            case GEMINI_GENERATE -> List.of(SseEvent.data(Json.text(answer)));
            default -> throw new IllegalArgumentException("client: " + client + " (expected: a content dialect)");
        };
        return new ClientEvents(NOTHING, client, context).view(events);
    }
}
