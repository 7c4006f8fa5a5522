/**
 * Process settings: what the gateway needs before it can bind and open its database, resolved once
 * at start from serve flags, {@code GPROXY_*} environment variables, a YAML file and defaults, in
 * that order ({@link gproxy.config.SettingsLoader}), into one immutable
 * {@link gproxy.config.Settings}. Every value is validated here; a bad one is a
 * {@link gproxy.config.ConfigException} naming the key as the user wrote it, never echoing a secret.
 *
 * <p>Refuses: live configuration (providers, keys, limits, instance settings live in the database
 * and change without restart); reading files other than the one YAML file (the import bundle is
 * only named here); the master key from anywhere but the environment; unknown YAML keys and
 * unknown flags; host name lookups while checking addresses. It does not parse subcommands — the
 * caller strips them — nor print help: {@link gproxy.config.SettingsLoader#usage()} only writes it.
 */
package gproxy.config;
