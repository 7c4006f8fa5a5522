/**
 * The gateway's single error family: {@link gproxy.error.GatewayException} with an HTTP status and a
 * stable code. Owns no rendering: each surface (admin JSON, client dialect envelopes) renders it.
 */
package gproxy.error;
