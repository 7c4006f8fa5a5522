package gproxy.testing;

/**
 * A response the client stopped reading: it closed the connection while the fake was still
 * writing, stalling or dripping. Proves how far the client read before it gave up.
 *
 * @param request the request being answered
 * @param eventsWritten body parts fully written and flushed before the hangup was seen. A write to
 *     a socket the peer has just closed may still succeed once (the kernel buffers it), so this can
 *     exceed what the client actually read by one
 * @param bodyBytesWritten body bytes written, chunk framing not counted
 */
public record Hangup(RecordedRequest request, int eventsWritten, long bodyBytesWritten) {
}
