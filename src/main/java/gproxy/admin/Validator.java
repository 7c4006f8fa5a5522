package gproxy.admin;

import java.util.Optional;

import gproxy.store.Row;
import gproxy.store.Store;

/**
 * A check of one entity's record beyond column types, run inside the write transaction before the
 * save. {@code row} is the record as it will be stored (the stored values overlaid by the update);
 * {@code existing} is the stored record on update. Failures throw a 400 naming the field.
 */
@FunctionalInterface
interface Validator {
    Validator NONE = (row, existing, tx) -> { };

    void check(Row row, Optional<Row> existing, Store.Tx tx);

    default Validator and(Validator next) {
        return (row, existing, tx) -> {
            check(row, existing, tx);
            next.check(row, existing, tx);
        };
    }

    static Validator all(Validator... validators) {
        Validator out = NONE;
        for (Validator v : validators) {
            out = out.and(v);
        }
        return out;
    }
}
