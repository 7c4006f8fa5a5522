package gproxy.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A table the store manages. Every table has a surrogate {@code id} (BIGINT, generated) and
 * {@code created_at}/{@code updated_at} (Unix seconds) maintained by the store; {@link #columns()}
 * lists the others. {@link #uniques()} are the unique keys besides {@code id}.
 */
public record Table(String name, List<Column> columns, List<List<String>> uniques) {

    public Table {
        columns = List.copyOf(columns);
        uniques = uniques.stream().map(List::copyOf).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
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
