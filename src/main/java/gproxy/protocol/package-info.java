/**
 * The vocabulary and wire framing of the data plane.
 *
 * <ul>
 *   <li>{@link gproxy.protocol.Operation}, {@link gproxy.protocol.Kind}, {@link gproxy.protocol.OperationKey},
 *       {@link gproxy.protocol.RoutingDecision}: what a request asks for and in which shape.</li>
 *   <li>{@link gproxy.protocol.Classifier}: method + path after the mount + headers →
 *       {@link gproxy.protocol.Classified} (key, path model, {@link gproxy.protocol.StreamFlag}), or
 *       nothing (the caller answers 404); {@link gproxy.protocol.CallerDialect} picks the error
 *       dialect, also for requests the classifier does not know.</li>
 *   <li>{@link gproxy.protocol.SseReader} / {@link gproxy.protocol.SseWriter}: server-sent events on a
 *       live stream, bounded, each {@link gproxy.protocol.SseEvent} keeping its exact bytes for
 *       passthrough; {@link gproxy.protocol.JsonArrayReader} for Gemini's JSON-array streams.</li>
 *   <li>{@link gproxy.protocol.JsonPeek}: the top-level {@code model} and {@code stream} of a body
 *       without building a tree, and a model rewrite that leaves every other byte as it was.</li>
 * </ul>
 *
 * <p>Owns wire framing only, as pure functions and stream readers with no I/O of their own. Does not
 * authenticate, resolve models or aliases, convert between dialects ({@code gproxy.translate}), know
 * providers ({@code gproxy.channel}), decide where a request goes ({@code gproxy.engine}) or render
 * error envelopes ({@code gproxy.server}).
 */
package gproxy.protocol;
