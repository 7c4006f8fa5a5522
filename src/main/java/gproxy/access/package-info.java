/**
 * Who may call the gateway and how much: authentication of gateway keys against the snapshot; later
 * permissions, rate limits and quota admission with pending reservations.
 *
 * <p>Owns admission decisions only. Does not price requests ({@code gproxy.billing}), pick upstreams
 * ({@code gproxy.engine}) or read the database on the request path.
 */
package gproxy.access;
