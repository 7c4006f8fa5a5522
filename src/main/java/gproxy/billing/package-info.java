/**
 * What a request costs: usage, prices and the arithmetic between them.
 *
 * <ul>
 *   <li>{@link gproxy.billing.UsageReport}: the tokens one physical upstream call consumed, split so
 *       each token is priced once, and where the numbers came from ({@link gproxy.billing.UsageSource}).</li>
 *   <li>{@link gproxy.billing.UsageExtractor} / {@link gproxy.billing.StreamUsage}: upstream-reported
 *       usage per content dialect, from a whole body or event by event; events that cannot hold usage
 *       are skipped without parsing. {@link gproxy.billing.StreamOptions} asks OpenAI Chat upstreams
 *       to report usage in streams.</li>
 *   <li>{@link gproxy.billing.PriceBook}: the price rules of one snapshot, indexed once, matched by
 *       provider and upstream model; a {@link gproxy.billing.Price} resolves its tiers against the
 *       usage. {@link gproxy.billing.Cost} turns usage and price into nano-dollars with one rounding;
 *       {@link gproxy.billing.Estimate} is the admission pre-charge.</li>
 *   <li>{@link gproxy.billing.UsageLadder}: upstream → counted → estimated when the upstream reported
 *       no trusted usage, with a local tiktoken counter for GPT-family models and, bound per settlement
 *       ({@link gproxy.billing.Billing#countTokens()}), the answering provider's count-tokens endpoint.
 *       {@link gproxy.billing.OperationUsage}: embeddings (input) and images (image output).</li>
 *   <li>{@link gproxy.billing.UsageRollups}: the hour/day rollups and per-credential daily usage a
 *       usage row adds up to, accumulated in the transaction that writes it.</li>
 *   <li>{@link gproxy.billing.Settlements} / {@link gproxy.billing.Settlement}: the settlement
 *       guard of one answered request — exactly once, {@code complete} or {@code interrupted} — and the
 *       process's batched, bounded, idempotent usage-row writer.</li>
 *   <li>{@link gproxy.billing.Intents} / {@link gproxy.billing.Reconciliation}: the durable intent
 *       recorded before each upstream call (leader/follower group commit on the waiting requests' own
 *       threads; replaced by the usage row, cancelled when the request ends without one) and, at
 *       start, the usage rows of the intents a killed process left.</li>
 * </ul>
 *
 * <p>Owns pricing, usage and cost as pure functions and small accumulators, and settlement, which
 * applies them: it writes the usage row and drives the quota commit and the token counters through
 * the handles admission gave it ({@link gproxy.access.Admitted}). Refuses upstream I/O (the
 * count-tokens call is plugged in by the caller) and never reads the snapshot after a settlement opened.
 */
package gproxy.billing;
