/**
 * The routing engine's decisions, pure and in memory: model name → {@link gproxy.engine.Resolution}
 * ({@link gproxy.engine.Resolver}), resolution + operation → ordered candidates
 * ({@link gproxy.engine.Planner}: route strategies, tiers, credential rotation and sticky pins),
 * this instance's breakers, cooldowns and latencies ({@link gproxy.engine.Health}), per-credential
 * minute budgets ({@link gproxy.engine.CredentialBudgets}) and the failover ladder
 * ({@link gproxy.engine.RetryPolicy}).
 *
 * <p>Also the execution of a planned request: {@link gproxy.engine.AttemptLoop} admits each
 * candidate (budget, health, its secret), has its channel prepare and classify the attempt, sends it
 * through {@link gproxy.engine.UpstreamClient}, and fails over as the ladder says;
 * {@link gproxy.engine.Relay} writes the answer to the client event by event,
 * {@link gproxy.engine.ConvertingRelay} converting it back when the route converted, and
 * {@link gproxy.engine.SynthesizingRelay} streaming a whole answer to a streaming client (with
 * {@link gproxy.engine.Keepalive}s on its {@link gproxy.engine.ClientOutput} while it waits); and
 * {@link gproxy.engine.ModelCatalog} answers model lists from the snapshot.
 *
 * <p>Reads only the pinned snapshot and the cache backend (pins, budgets), never the database, and
 * writes no status row — health edges go out as {@link gproxy.engine.HealthTransition} events for
 * the caller to persist. Classifying upstream answers into an {@link gproxy.channel.Disposition} is
 * the channel's job; converting between dialects is {@code gproxy.translate}'s, only invoked here.
 */
package gproxy.engine;
