package gproxy.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link Store} that hands every call to another one: test fakes extend it and override only the
 * calls they count, slow down or break.
 */
public abstract class ForwardingStore implements Store {
    protected final Store delegate;

    protected ForwardingStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override public Dialect dialect() { return delegate.dialect(); }
    @Override public List<Row> list(Table table, Query query) { return delegate.list(table, query); }
    @Override public Optional<Row> find(Table table, long id) { return delegate.find(table, id); }
    @Override public long count(Table table, Query query) { return delegate.count(table, query); }
    @Override public <T> T write(Function<Tx, T> work) { return delegate.write(work); }
    @Override public long revision() { return delegate.revision(); }
    @Override public void append(Table table, List<Row> rows) { delegate.append(table, rows); }
    @Override public void appendIgnoringDuplicates(Table table, List<Row> rows) {
        delegate.appendIgnoringDuplicates(table, rows);
    }
    @Override public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column,
                                          List<String> keys) {
        delegate.appendAndDelete(table, rows, deleteFrom, column, keys);
    }
    @Override public void appendAndDelete(Table table, List<Row> rows, Table deleteFrom, String column,
                                          List<String> keys, List<Accumulation> accumulations) {
        delegate.appendAndDelete(table, rows, deleteFrom, column, keys, accumulations);
    }
    @Override public long deleteLogs(Table table, Query query) { return delegate.deleteLogs(table, query); }
    @Override public long sizeBytes() { return delegate.sizeBytes(); }
    @Override public List<Row> select(Table table, Selection selection) { return delegate.select(table, selection); }
    @Override public List<Sums> sum(Table table, Selection selection, List<String> groupBy, List<String> columns) {
        return delegate.sum(table, selection, groupBy, columns);
    }
    @Override public long deleteWhere(Table table, Selection selection) { return delegate.deleteWhere(table, selection); }
    @Override public void ping() { delegate.ping(); }
    @Override public void close() { delegate.close(); }
}
