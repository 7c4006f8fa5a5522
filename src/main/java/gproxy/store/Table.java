package gproxy.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table the store manages. Every table has a surrogate {@code id} (BIGINT, generated) and
 * {@code created_at}/{@code updated_at} (Unix seconds) maintained by the store; {@link #columns()}
 * lists the others. {@link #uniques()} are the unique keys besides {@code id}.
 *
 * <p>A value class rather than a record only so that it can carry its columns indexed by name: the
 * usage and intent writers look every column of every row up by name, several times per row.
 */
public final class Table {
    private final String name;
    private final List<Column> columns;
    private final List<List<String>> uniques;
    private final Map<String, Column> byName;
    private final List<String> columnNames;
    private final int hash;

    public Table(String name, List<Column> columns, List<List<String>> uniques) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.uniques = uniques.stream().map(List::copyOf).toList();
        Map<String, Column> index = new HashMap<>();
        this.columns.forEach(c -> index.putIfAbsent(c.name(), c));
        this.byName = Map.copyOf(index);
        this.columnNames = this.columns.stream().map(Column::name).toList();
        this.hash = Objects.hash(this.name, this.columns, this.uniques);
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<String>> uniques() {
        return uniques;
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Table t && hash == t.hash && name.equals(t.name) && columns.equals(t.columns) && uniques.equals(t.uniques);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Table[name=" + name + ", columns=" + columns + ", uniques=" + uniques + "]";
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<String>> uniques = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder required(String column, Column.Type type) {
            columns.add(Column.required(column, type));
            return this;
        }

        Builder optional(String column, Column.Type type) {
            columns.add(Column.optional(column, type));
            return this;
        }

        Builder defaulted(String column, Column.Type type, Object value) {
            columns.add(Column.withDefault(column, type, value));
            return this;
        }

        Builder unique(String... columnNames) {
            uniques.add(Arrays.asList(columnNames));
            return this;
        }

        Table build() {
            return new Table(name, columns, uniques);
        }
    }
}
