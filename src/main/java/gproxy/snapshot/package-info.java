/**
 * The control-plane snapshot: an immutable, indexed copy of routing, identity, pricing and rule
 * state, rebuilt after every admin write and swapped atomically. {@link gproxy.snapshot.ConfigSync}
 * keeps the instances of a cluster in step: it announces each new revision over the cache's pub/sub,
 * reloads when a peer's is ahead, and polls the durable revision as a backstop. Owns no writes; the
 * request path reads only from here, never from the database.
 */
package gproxy.snapshot;
