/**
 * The upstream provider contract and the registry of built-in channels. A {@link gproxy.channel.Channel}
 * knows one upstream: its catalogue entry ({@link gproxy.channel.ChannelMetadata}), the routing matrix it
 * declares ({@link gproxy.channel.RoutingMatrix}), how to turn an already-translated body into an
 * {@link gproxy.channel.UpstreamRequest} (URL, auth, header hygiene), and how to read the upstream's
 * status ({@link gproxy.channel.Disposition}). One sub-package per upstream family holds the channels.
 *
 * <p>Owns endpoint and auth knowledge only. Does not translate bodies ({@code gproxy.translate}),
 * send requests, choose credentials, cool them down or retry ({@code gproxy.engine}), open sealed
 * secrets ({@code gproxy.security}) or extract usage ({@code gproxy.billing}). Nothing here performs
 * I/O, and no secret reaches a message, a {@code toString()} or a log.
 */
package gproxy.channel;
