package gproxy.billing;

import java.util.Optional;

import gproxy.protocol.SseEvent;

/**
 * Upstream usage of one streamed response, fed every event as it is relayed. Cheap per event: an
 * event that cannot hold usage is recognized by its type or a substring test and never parsed, so a
 * long stream costs a handful of JSON parses. Not thread-safe; one per stream.
 */
public sealed interface StreamUsage permits LastUsageStream, OpenAiResponsesUsage.Stream, ClaudeUsage.Stream {

    /** One server-sent event as received from the upstream. */
    void observe(SseEvent event);

    /** One event payload without SSE framing, e.g. an element of Gemini's JSON-array stream. */
    void observeData(String data);

    /**
     * The usage seen so far, source {@link UsageSource#UPSTREAM}; may be partial when not
     * {@link #trusted()} (e.g. Anthropic's {@code message_start} counts input before any output).
     */
    Optional<UsageReport> report();

    /**
     * Whether the dialect's final usage frame was seen, so {@link #report()} is the whole call's
     * usage, also when the stream was cut right after it. When false, the {@link UsageLadder} counts.
     */
    boolean trusted();

    /** How many event payloads were parsed as JSON: a cost check, not a count of events seen. */
    int parsedEvents();
}
