/**
 * Streams synthesised from one whole answer, for a client that streams while the path it was
 * routed to answers buffered (routing rule {@code stream_generate_content → transform_to
 * generate_content}, reference §5.3, or an upstream that answered JSON to a stream request).
 *
 * <p>One synthesiser per client dialect turns a whole answer already in that dialect into the
 * events the dialect's own stream would have carried: every block, part or tool call, the finish
 * reason and the usage, with the dialect's framing. Pure: bytes in, events out; the client's view
 * (its model name, usage only where asked) is applied by {@link gproxy.translate.ClientEvents}.
 * Keepalives while waiting are the relay's, not this package's.
 */
package gproxy.translate.synthetic;
