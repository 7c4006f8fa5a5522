/**
 * The control-plane snapshot: an immutable, indexed copy of routing, identity, pricing and rule
 * state, rebuilt after every admin write and swapped atomically. Owns no writes; the request path
 * reads only from here, never from the database.
 */
package gproxy.snapshot;
