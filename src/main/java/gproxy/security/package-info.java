/**
 * Secrets at rest and identity material: AES-256-GCM sealing bound to a row, Argon2id password
 * hashes, API key generation and digests. Owns no storage and never logs a secret.
 */
package gproxy.security;
