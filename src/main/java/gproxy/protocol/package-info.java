/**
 * The vocabulary of the data plane: {@link gproxy.protocol.Operation}, {@link gproxy.protocol.Kind},
 * {@link gproxy.protocol.OperationKey} and {@link gproxy.protocol.RoutingDecision}; the path →
 * operation classifier; server-sent-event reading and writing; the JSON peek that reads
 * {@code model} and {@code stream} and rewrites the model without re-serialising a body.
 *
 * <p>Owns wire framing only. Does not convert between dialects ({@code gproxy.translate}), know
 * providers ({@code gproxy.channel}) or decide where a request goes ({@code gproxy.engine}).
 */
package gproxy.protocol;
