package gproxy.admin;

import java.util.Optional;

import gproxy.store.Table;

/**
 * One admin collection: its path segment (as in {@code DELETE /admin/{path}/{id}}), its table, the
 * parent it is nested under, its validation and its record shape.
 */
record Entity(String path, Table table, Optional<Parent> parent, Validator validator, RecordShape shape) {

    /** The parent table and the column of this table that references it. */
    record Parent(Table table, String column) {
    }

    static Entity top(String path, Table table, Validator validator) {
        return new Entity(path, table, Optional.empty(), validator, RecordShape.PLAIN);
    }

    static Entity nested(String path, Table table, Table parent, String column, Validator validator) {
        return new Entity(path, table, Optional.of(new Parent(parent, column)), validator, RecordShape.PLAIN);
    }

    Entity shaped(RecordShape shape) {
        return new Entity(path, table, parent, validator, shape);
    }

    Parent requireParent() {
        return parent.orElseThrow(() -> new IllegalStateException(path + " is not nested"));
    }
}
