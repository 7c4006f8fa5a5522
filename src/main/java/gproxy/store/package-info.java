/**
 * Durable state: the schema contract ({@link gproxy.store.Schema}), per-dialect versioned
 * migrations ({@code db/<dialect>/V<n>__*.sql}), the JDBC store for SQLite, PostgreSQL and
 * MySQL/MariaDB ({@link gproxy.store.JdbcStore#open}), and JSON ↔ row conversion.
 * Owns SQL, transactions, the config revision, referential cleanup on delete and the claim of an
 * instance id on a shared database ({@link gproxy.store.InstanceLease}); does not seal
 * secrets, hash passwords or decide what a value means. SQL identifiers come only from
 * {@link gproxy.store.Schema}; values are always bind parameters.
 */
package gproxy.store;
