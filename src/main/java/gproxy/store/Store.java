package gproxy.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's durable state behind one small contract, implemented over JDBC for SQLite,
 * PostgreSQL and MySQL/MariaDB. Writes happen in {@link #write} transactions; each one that changed
 * a control-plane table bumps the durable config revision exactly once, in the same transaction
 * (counter increments and log appends are not config changes). Reads outside a transaction see
 * committed data.
 *
 * <p>The store knows columns and types, not meaning: sealing secrets, hashing passwords and
 * validating values belong to the callers.
 */
public interface Store extends AutoCloseable {

    Dialect dialect();

    List<Row> list(Table table, Query query);

    Optional<Row> find(Table table, long id);

    long count(Table table, Query query);

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    <T> T write(Function<Tx, T> work);

    /** The durable config revision: bumped by every committed control-plane write. */
    long revision();

    /** Appends rows to a log table (usages, request logs, audit) in one batch, outside the revision. */
    void append(Table table, List<Row> rows);

    /**
     * Like {@link #append}, but a row whose unique key is already stored is skipped instead of failing
     * the batch: for writers that may retry a batch that did commit (usage rows, keyed by request id),
     * where the first write wins and a repeat means "already written".
     */
    void appendIgnoringDuplicates(Table table, List<Row> rows);

    /**
     * In one transaction: deletes the rows of {@code deleteFrom} whose {@code column} holds one of
     * {@code keys}, then appends {@code rows} to {@code table} as {@link #appendIgnoringDuplicates}
     * does. Both tables must be log tables. For a row that replaces placeholders (a usage row the
     * intent of its request): a crash leaves either both changes or neither. Either list may be empty.
     */
    void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column, List<String> keys);

    /**
     * Deletes the rows of a log table that {@code query} matches (its equality, bounds and cursor); with a
     * limit, only the oldest {@code limit} of them by id. Returns how many went. Never bumps the revision;
     * a control-plane table is refused.
     */
    long deleteLogs(Table table, Query query);

    /**
     * Bytes the gateway's own data takes: SQLite's used pages ({@code page_count - freelist_count} times
     * {@code page_size}), PostgreSQL's tables with their indexes and TOAST in the current schema, MySQL's
     * data and index length of the current database. What retention's size cap is measured against.
     */
    long sizeBytes();

    /**
     * As {@link #appendAndDelete(Table, List, Table, String, List)}, and in the same transaction each
     * {@link Accumulation} adds the rows derived from the rows that were new — {@code column} is the
     * unique key that tells them from repeats — so a retried batch is counted once.
     */
    void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column, List<String> keys,
                         List<Accumulation> accumulations);

    /** The rows of a log table that {@code selection} picks, ordered by id, limited and offset. */
    List<Row> select(Table table, Selection selection);

    /**
     * Sums of {@code columns} (LONG or MONEY) over the rows {@code selection} picks, one {@link Sums} per
     * distinct value of {@code groupBy} (ordered by those columns); without grouping, exactly one.
     */
    List<Sums> sum(Table table, Selection selection, List<String> groupBy, List<String> columns);

    /** Deletes the rows of a log table that {@code selection} picks (its limit and order are ignored); returns how many. */
    long deleteWhere(Table table, Selection selection);

    /** Cheap round trip for readiness; throws when the database is unreachable. */
    void ping();

    @Override
    void close();

    /** The operations available inside a {@link #write} transaction. */
    interface Tx {
        List<Row> list(Table table, Query query);

        Optional<Row> find(Table table, long id);

        /**
         * Inserts when {@code row} has no {@code id}, updates the given columns when it has one
         * (absent columns keep their stored value). Returns the stored row. A unique-key violation
         * is a {@link gproxy.error.GatewayException} 409 naming the key's columns; a missing row
         * on update is a 404; a missing parent is a 400 naming the reference column.
         */
        Row save(Table table, Row row);

        /** Inserts with the id given in {@code row} (imports keep their ids). */
        Row insertWithId(Table table, Row row);

        /** Deletes the row and its dependants; false when there was no such row. */
        boolean delete(Table table, long id);

        /**
         * Adds {@code delta} (may be negative) to a LONG or MONEY column in one atomic
         * {@code UPDATE … SET c = c + ?} (NULL counts as 0) and returns the new value; 404 when the
         * row is absent. For counters such as quota usage, which must never be read-modify-write.
         * A counter is not configuration: an increment alone does not bump the revision.
         */
        long increment(Table table, long id, String column, long delta);

        /**
         * Adds {@code delta} to a windowed counter in one atomic {@code UPDATE} and returns its new
         * value; 404 when the row is absent. {@code anchorColumn} names the window the counter
         * belongs to: when it holds {@code anchor} or a later one, the delta is added; when it is
         * older or NULL the window has turned, so the counter restarts at {@code delta} and the
         * anchor becomes {@code anchor}. The anchor never moves backwards: a writer whose clock lags
         * adds to the window a faster writer already opened instead of resetting it. Two writers
         * opening the same new window lose nothing: the row lock orders them, the second one adds.
         */
        long incrementWindow(Table table, long id, String column, String anchorColumn, long anchor, long delta);
    }
}
