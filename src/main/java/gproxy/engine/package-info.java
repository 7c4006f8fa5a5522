/**
 * The routing engine's decisions, pure and in memory: model name → {@link gproxy.engine.Resolution}
 * ({@link gproxy.engine.Resolver}), resolution + operation → ordered candidates
 * ({@link gproxy.engine.Planner}: route strategies, tiers, credential rotation and sticky pins),
 * this instance's breakers, cooldowns and latencies ({@link gproxy.engine.Health}), per-credential
 * minute budgets ({@link gproxy.engine.CredentialBudgets}) and the failover ladder
 * ({@link gproxy.engine.RetryPolicy}).
 *
 * <p>Reads only the snapshot's {@link gproxy.snapshot.Routing} index and the cache backend (pins,
 * budgets). Refuses HTTP, secrets and the database: it never sends a request, opens a credential or
 * writes a status row — health edges go out as {@link gproxy.engine.HealthTransition} events for
 * the caller to persist. Classifying upstream answers into an {@link gproxy.channel.Disposition} is the
 * channel's job.
 */
package gproxy.engine;
