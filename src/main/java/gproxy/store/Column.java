package gproxy.store;

import java.util.Optional;

/**
 * One column of a {@link Table}. {@code defaultValue} is the Java value the store writes when an
 * insert omits the column (it must agree with the DDL default of every dialect).
 */
public record Column(String name, Type type, boolean nullable, Optional<Object> defaultValue) {

    /** Storage types; each dialect maps them in its migration DDL. */
    public enum Type {
        /** BIGINT foreign key or numeric reference. */
        REF,
        LONG,
        BOOL,
        /** Short, indexable text (VARCHAR(255) on MySQL). */
        TEXT,
        /** Long text: bodies, errors, sealed secrets. */
        LONGTEXT,
        /** Text holding a JSON document; exposed as JSON in the admin API. */
        JSON,
        /** Integer nano-dollars (1e-9 USD), BIGINT; exposed as a decimal USD string. */
        MONEY,
        /** Unix seconds, BIGINT. */
        TIME,
        BLOB
    }

    static Column required(String name, Type type) {
        return new Column(name, type, false, Optional.empty());
    }

    static Column optional(String name, Type type) {
        return new Column(name, type, true, Optional.empty());
    }

    static Column withDefault(String name, Type type, Object value) {
        return new Column(name, type, false, Optional.of(value));
    }

    public boolean required() {
        return !nullable && defaultValue.isEmpty();
    }
}
