/**
 * Request logs and retention (features §8.3, §8.7; reference §2.2).
 *
 * <ul>
 *   <li>{@link gproxy.logs.RequestLog}: what one data-plane request leaves in {@code downstream_requests}
 *       (the client's side: method, path, query, status, caller, model, error code, latency, optionally
 *       both bodies) and {@code upstream_requests} (one row per physical send, failover hops included),
 *       as the four {@link gproxy.logs.LogSwitches} of the request's snapshot say.</li>
 *   <li>{@link gproxy.logs.BodyCapture}: a bounded copy of a body as it flows, never a buffer the
 *       client waits for; a body over the cap is kept as its head with a truncation marker.</li>
 *   <li>{@link gproxy.logs.Redaction}: auth headers, secret-named JSON fields and query parameters
 *       become {@code [redacted]} at write time, before truncation.</li>
 *   <li>{@link gproxy.logs.Retention}: the age sweep ({@code retention_days}: request logs and usage
 *       rows) and the size sweep ({@code max_database_size_mb}: oldest request logs, then audit rows;
 *       never usage or configuration) on a virtual-thread scheduler.</li>
 * </ul>
 *
 * <p>Rows go through a bounded {@link gproxy.store.AppendQueue}, off the request path. Refuses to fail
 * a request: a capture that goes wrong is logged and dropped. Does not serve the admin log routes
 * (those are {@code gproxy.admin}) and never reads the database on the request path.
 */
package gproxy.logs;
