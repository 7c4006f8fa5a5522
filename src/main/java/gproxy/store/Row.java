package gproxy.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One stored row as column name → value. Values are {@code Long} (ids, REF, LONG, MONEY, TIME),
 * {@code Boolean}, {@code String} (TEXT, LONGTEXT, JSON) or {@code byte[]} (BLOB); an absent key and
 * a {@code null} value both mean SQL NULL. Includes {@code id}, {@code created_at} and
 * {@code updated_at} when read from the store.
 */
public record Row(Map<String, Object> values) {

    public Row {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Row of(Map<String, ?> values) {
        return new Row(new LinkedHashMap<>(values));
    }

    public Optional<Long> id() {
        return optionalLong("id");
    }

    public long requireId() {
        return id().orElseThrow(() -> new IllegalStateException("row has no id"));
    }

    public boolean has(String column) {
        return values.get(column) != null;
    }

    public Object get(String column) {
        return values.get(column);
    }

    public Optional<Long> optionalLong(String column) {
        Object v = values.get(column);
        return v == null ? Optional.empty() : Optional.of(((Number) v).longValue());
    }

    public long longValue(String column) {
        return optionalLong(column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    public Optional<String> optionalText(String column) {
        Object v = values.get(column);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    public String text(String column) {
        return optionalText(column).orElseThrow(() -> new IllegalStateException(column + " is null"));
    }

    public boolean bool(String column) {
        Object v = values.get(column);
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof Number n && n.longValue() != 0;
    }

    /** A copy with {@code column} set (a {@code null} value clears it). */
    public Row with(String column, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(column, value);
        return new Row(copy);
    }

    public Row without(String column) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(column);
        return new Row(copy);
    }

    @Override
    public String toString() {
        // Never print values: rows may hold sealed secrets or digests.
        return "Row" + values.keySet();
    }
}
