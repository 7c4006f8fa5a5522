/**
 * The cache backend contract and its implementations: sessions, counters, pending quota, pins.
 * Owns expiry and atomicity; does not know what the keys mean (callers own key naming).
 */
package gproxy.cache;
