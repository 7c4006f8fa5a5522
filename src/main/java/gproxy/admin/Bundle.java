package gproxy.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.security.SecretBox;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/**
 * The v2 JSON bundle (reference §6.3): all control-plane data as {@code {"schema_version": 1,
 * "orgs": [...], "teams": [...], ...}}, one array per table with records of the table's columns plus
 * {@code id}. Used by the {@code export} and {@code import} subcommands and by
 * {@code GPROXY_IMPORT_FILE}.
 *
 * <p>An export holds <b>plaintext secrets</b> (credential secrets, user API keys) and password
 * hashes; {@link #writeExport} writes it owner-only. An import runs only into a store with no users
 * and no providers, in one transaction, with ids pinned, sealing secrets under the current master
 * key. Usage, log and status tables are not part of a bundle.
 */
public final class Bundle {
    public static final int SCHEMA_VERSION = BundleFormat.SCHEMA_VERSION;

    /** How many records of each array an export wrote or an import stored, in bundle order. */
    public record Summary(Map<String, Integer> counts) {
        public Summary {
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** {@code "5 records (orgs 1, users 2, providers 2)"}, listing only non-empty arrays. */
        @Override
        public String toString() {
            String parts = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            return total() + " records" + (parts.isEmpty() ? "" : " (" + parts + ")");
        }
    }

    private Bundle() {
    }

    /**
     * All control-plane rows as a bundle, read in one transaction so references are consistent.
     * Sealed secrets are opened with {@code box}; a secret it cannot open fails the export (500
     * {@code secret_unreadable}, naming the row).
     */
    public static ObjectNode export(Store store, SecretBox box) {
        return store.write(tx -> {
            ObjectNode bundle = Json.object();
            bundle.put(BundleFormat.VERSION_FIELD, BundleFormat.SCHEMA_VERSION);
            for (Table table : BundleFormat.ARRAYS) {
                ArrayNode array = bundle.putArray(table.name());
                List<Row> rows = tx.list(table, Query.all()).stream()
                        .sorted(Comparator.comparingLong(Row::requireId)).toList();
                rows.forEach(row -> array.add(BundleRecords.exported(table, row, box)));
            }
            return bundle;
        });
    }

    /** Exports into {@code out} (0600, temp file and atomic rename; an existing file is replaced). */
    public static Summary writeExport(Store store, SecretBox box, Path out) {
        ObjectNode bundle = export(store, box);
        BundleFile.writePrivate(out, render(bundle));
        return summarize(bundle);
    }

    /**
     * Imports {@code bundle} into an empty store (no users, no providers; otherwise a 409) in one
     * transaction. Errors name the array, index and field: {@code credentials[3].weight: "x"
     * (expected: an integer)}; on any error nothing is stored.
     */
    public static Summary importInto(Store store, SecretBox box, JsonNode bundle) {
        requireEmpty(store);
        List<BundleImport.Prepared> records = BundleImport.prepare(bundle, box);
        return BundleImport.write(store, records);
    }

    public static Summary importFile(Store store, SecretBox box, Path in) {
        requireEmpty(store);
        return importInto(store, box, BundleFile.read(in));
    }

    /** Whether the store has no users and no providers: the condition for importing a bundle. */
    public static boolean storeIsEmpty(Store store) {
        return store.count(Schema.USERS, Query.all()) == 0 && store.count(Schema.PROVIDERS, Query.all()) == 0;
    }

    private static void requireEmpty(Store store) {
        BundleImport.requireEmpty(store.count(Schema.USERS, Query.all()), store.count(Schema.PROVIDERS, Query.all()));
    }

    private static byte[] render(ObjectNode bundle) {
        try {
            return (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(bundle) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bundle cannot be serialized", e);
        }
    }

    private static Summary summarize(ObjectNode bundle) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        BundleFormat.ARRAYS.forEach(t -> counts.put(t.name(), bundle.path(t.name()).size()));
        return new Summary(counts);
    }
}
