package gproxy.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.error.GatewayException;
import gproxy.security.SecretBox;
import gproxy.store.Column;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * Imports a bundle in two steps: {@link #prepare} reads and checks every record without touching
 * the store (types, required fields, ids, secrets sealed, passwords hashed), then {@link #write}
 * inserts them in one transaction with their ids pinned, parents first, checking each reference.
 * Any failure rolls the whole import back.
 */
final class BundleImport {

    /** A checked record, ready to insert. */
    record Prepared(Table table, int index, Row row) {
        String where() {
            return table.name() + "[" + index + "]";
        }
    }

    private BundleImport() {
    }

    static List<Prepared> prepare(JsonNode bundle, SecretBox box) {
        if (bundle == null || !bundle.isObject()) {
            throw GatewayException.invalid("bundle", "not a JSON object (expected: {\"schema_version\": 1, "
                    + "\"orgs\": [...], ...})");
        }
        checkVersion(bundle.get(BundleFormat.VERSION_FIELD));
        checkTopLevelFields(bundle);
        List<Prepared> records = new ArrayList<>();
        for (Table table : BundleFormat.ARRAYS) {
            JsonNode array = bundle.get(table.name());
            if (array == null || array.isNull()) {
                continue;
            }
            if (!array.isArray()) {
                throw GatewayException.invalid(table.name(), "not an array (expected: an array of records)");
            }
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                Prepared record = prepareOne(table, i, array.get(i), box);
                long id = record.row().requireId();
                if (!ids.add(id)) {
                    throw GatewayException.invalid(record.where() + ".id",
                            id + " (expected: an id not used by an earlier record of " + table.name() + ")");
                }
                records.add(record);
            }
        }
        return records;
    }

    /** Inserts the prepared records in one transaction; refuses a store that already has users or providers. */
    static Bundle.Summary write(Store store, List<Prepared> records) {
        return store.write(tx -> {
            requireEmpty(tx.list(Schema.USERS, Query.all().limit(1)).size(),
                    tx.list(Schema.PROVIDERS, Query.all().limit(1)).size());
            Map<Table, Set<Long>> inserted = new HashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            BundleFormat.ARRAYS.forEach(t -> counts.put(t.name(), 0));
            for (Prepared record : records) {
                try {
                    checkReferences(tx, record.row(), record.table(), inserted);
                    tx.insertWithId(record.table(), record.row());
                } catch (RuntimeException e) {
                    throw BundleErrors.at(record.where(), e);
                }
                inserted.computeIfAbsent(record.table(), t -> new HashSet<>()).add(record.row().requireId());
                counts.merge(record.table().name(), 1, Integer::sum);
            }
            return new Bundle.Summary(counts);
        });
    }

    static void requireEmpty(long users, long providers) {
        if (users > 0 || providers > 0) {
            throw GatewayException.conflict("store", "already holds users or providers (expected: an empty store; "
                    + "a bundle is only imported into a store with no users and no providers)");
        }
    }

    private static Prepared prepareOne(Table table, int index, JsonNode node, SecretBox box) {
        String where = table.name() + "[" + index + "]";
        try {
            return new Prepared(table, index, BundleRecords.imported(table, node, box));
        } catch (RuntimeException e) {
            throw BundleErrors.at(where, e);
        }
    }

    private static void checkVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            throw GatewayException.invalid(BundleFormat.VERSION_FIELD,
                    "missing (expected: " + BundleFormat.SCHEMA_VERSION + ")");
        }
        if (!version.isIntegralNumber() || version.asLong() != BundleFormat.SCHEMA_VERSION) {
            throw GatewayException.invalid(BundleFormat.VERSION_FIELD,
                    version + " (expected: " + BundleFormat.SCHEMA_VERSION + ")");
        }
    }

    private static void checkTopLevelFields(JsonNode bundle) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = bundle.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(BundleFormat.VERSION_FIELD) && BundleFormat.array(name).isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw GatewayException.invalid(String.join(", ", unknown), "unknown top-level field"
                    + (unknown.size() > 1 ? "s" : "") + " (expected: " + BundleFormat.VERSION_FIELD + " and the arrays "
                    + BundleFormat.arrayNames() + ")");
        }
    }

    /** Every reference must name a row already stored: earlier in this bundle or already in the store. */
    private static void checkReferences(Store.Tx tx, Row row, Table table, Map<Table, Set<Long>> inserted) {
        for (Column column : table.columns()) {
            if (column.type() != Column.Type.REF || !row.has(column.name())) {
                continue;
            }
            Table parent = column.name().equals(BundleFormat.SCOPE_ID)
                    ? BundleFormat.SCOPES.get(row.text("scope"))
                    : BundleFormat.PARENTS.get(column.name());
            if (parent == null) {
                throw new IllegalStateException("no parent table known for " + table.name() + "." + column.name());
            }
            long id = row.longValue(column.name());
            if (!inserted.getOrDefault(parent, Set.of()).contains(id) && tx.find(parent, id).isEmpty()) {
                throw GatewayException.invalid(column.name(),
                        id + " (expected: the id of a record in " + parent.name() + ")");
            }
        }
    }
}
