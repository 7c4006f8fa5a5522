/**
 * A small HTTP/1.1 client for the gateway's upstream calls: blocking sockets read on the calling
 * (virtual) thread, pooled keep-alive connections, TLS with host-name verification, and an optional
 * outbound proxy (HTTP {@code CONNECT} for https targets, absolute-URI requests for http ones, or
 * SOCKS5).
 *
 * <p>It exists because the request path is throughput-bound on small machines: a general client
 * hands every pooled connection to a watcher thread while it idles and back again on reuse, and
 * copies the body through several buffer layers; this one does one socket write per small request
 * and reads the answer straight into the caller's buffer.
 *
 * <p>Owns framing (Content-Length, chunked, read-to-close), the pool and the proxy handshake. Does
 * not follow redirects, retry, decompress, or speak HTTP/2; timeouts beyond connect are the
 * caller's (it sets the socket read timeout it is given); which headers to send is the channel's
 * business.
 */
package gproxy.http1;
