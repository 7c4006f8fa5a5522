package gproxy.admin;

import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * How an entity's records cross the API boundary when that is more than column types: fields the
 * body carries that are not plain columns (a plaintext password, a secret of any JSON shape), work
 * that needs the row id (sealing), and what reads leave out (secrets) or add ({@code has_secret}).
 */
interface RecordShape {
    RecordShape PLAIN = new RecordShape() {
    };

    /** Body fields this shape reads itself instead of the column codec (or accepts and ignores). */
    default Set<String> bodyFields() {
        return Set.of();
    }

    /** The row to save for this body, and the step that completes the save inside the transaction. */
    default Staged stage(Table table, JsonNode body, Row parsed, Optional<Row> existing) {
        return new Staged(parsed, (tx, saved) -> view(table, saved));
    }

    /** The record as the API shows it. */
    default ObjectNode view(Table table, Row row) {
        return RowCodec.toJson(table, row);
    }

    /** A row ready to save and what to do once it has an id; {@code finish} returns the reply body. */
    record Staged(Row row, BiFunction<Store.Tx, Row, ObjectNode> finish) {
    }
}
