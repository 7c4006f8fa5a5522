/**
 * Durable state: the schema contract ({@link gproxy.store.Schema}), per-dialect versioned
 * migrations, the JDBC store for SQLite, PostgreSQL and MySQL/MariaDB, and JSON ↔ row conversion.
 * Owns SQL and transactions; does not seal secrets, hash passwords or decide what a value means.
 */
package gproxy.store;
