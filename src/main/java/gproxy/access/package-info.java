/**
 * Who may call the gateway and how much: authentication, permissions, rate limits and quota
 * admission with pending reservations, in request-path order.
 *
 * <pre>{@code
 * Caller caller = Authenticator.authenticate(snapshot.identity(), headers, queryKey);  // 401
 * Access access = accessControl.forSnapshot(snapshot);                               // built once per snapshot
 * access.permissions().check(caller, exposedName);                                   // 403 permission_denied
 * RateAdmission rate = access.rateLimiter().admit(caller, exposedName);              // 429 rate_limited, 503
 * try (Reservation quota = access.quotaGate().reserve(caller, estimateNanos)) {      // 402 quota_exceeded, 503
 *     ...
 *     quota.commit(actualNanos);                        // at settlement, after the usage row
 *     access.rateLimiter().recordTokens(rate, totalTokens);
 * }
 * }</pre>
 *
 * <p><b>Live quota usage.</b> The snapshot's {@code quotas.*_used} columns are stale from the first
 * settlement on, and the request path reads no database. Admission therefore takes usage from
 * {@link gproxy.access.QuotaLedger}, a per-process map of quota row → window usage, loaded from the
 * store once at start and advanced by every commit with the values its atomic {@code UPDATE}s return
 * (which include other instances' committed spend on the same row). Pending estimates live in the
 * cache backend, shared by all instances. In a cluster, spend settled by another instance is seen
 * once this process commits to that row, loads a new snapshot, or a hook runs
 * ({@code replace} for a periodic reload, {@code observe} for a peer's row over Redis); until
 * then the cluster may overrun by that spend. Windows and their anchors: {@link gproxy.access.Window}.
 * Pending counters and why they come in 15-minute generations: {@link gproxy.access.PendingQuota}.
 *
 * <p>Every check fails closed: an unknown or disabled org or team denies, an unreachable counter
 * refuses with 503 {@code counter_unavailable}, and a refused request gives back every counter it
 * touched. Prices and estimates are computed elsewhere ({@code gproxy.billing}); this package only
 * compares and counts nano-dollars. Does not pick upstreams ({@code gproxy.engine}) or write usage
 * rows; {@link gproxy.access.Reservation#commit} is the one place the request path writes to the
 * store. A request whose process died is settled at the next start through
 * {@link gproxy.access.AbandonedQuota}: its {@link gproxy.access.Hold} released once, its estimate charged.
 */
package gproxy.access;
