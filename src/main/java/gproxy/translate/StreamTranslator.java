package gproxy.translate;

import java.util.List;

import gproxy.protocol.SseEvent;

/**
 * Converts a stream event by event, from the upstream's dialect to the client's. Stateful: one
 * instance per stream, used by one thread. Each upstream event yields zero or more client events,
 * framed for the client's dialect (OpenAI {@code data:} chunks ending with {@code [DONE]};
 * Anthropic {@code message_start} … {@code message_stop} with proper block indexes; Responses
 * {@code response.*} events; Gemini {@code data:} chunks). Unknown upstream events are dropped, never
 * a crash. Usage the upstream reports is carried into the client's dialect, token for token.
 */
public interface StreamTranslator {

    List<SseEvent> onEvent(SseEvent upstreamEvent);

    /** At the upstream's end of stream: whatever the client's dialect still needs to close. */
    List<SseEvent> finish();
}
