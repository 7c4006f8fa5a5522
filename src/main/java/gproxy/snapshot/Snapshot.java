package gproxy.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gproxy.store.Row;
import gproxy.store.Table;

/**
 * Everything the request path needs from the control plane, loaded at once and never mutated. A
 * request pins one snapshot for its whole life; admin writes build a new one and swap it in.
 *
 * @param revision     the durable config revision the snapshot was built from
 * @param loadedAt     when it was built
 * @param rows         every control-plane table's rows, by table name, in id order
 * @param identity     users, keys by digest, orgs and teams, indexed for authentication
 * @param providers    provider rows by name (enabled or not)
 * @param routing      the routing index: enabled providers, credentials, routes, aliases, models
 *                     and routing rules, built once so requests never scan rows
 * @param sealedSecrets credential id → {@code secret_json} as stored (sealed under the master key,
 *                     or plaintext without one); opened per attempt, never kept open
 */
public record Snapshot(long revision,
                       Instant loadedAt,
                       Map<String, List<Row>> rows,
                       Identity identity,
                       Map<String, Row> providers,
                       Routing routing,
                       Map<Long, String> sealedSecrets) {

    public Snapshot {
        rows = Map.copyOf(rows);
        providers = Map.copyOf(providers);
        sealedSecrets = Map.copyOf(sealedSecrets);
    }

    public static Snapshot empty() {
        return new Snapshot(0, Instant.EPOCH, Map.of(), Identity.EMPTY, Map.of(), Routing.EMPTY, Map.of());
    }

    public List<Row> rows(Table table) {
        return rows.getOrDefault(table.name(), List.of());
    }

    /** The stored secret of a credential, when it has one. */
    public Optional<String> sealedSecret(long credentialId) {
        return Optional.ofNullable(sealedSecrets.get(credentialId));
    }

    public Optional<Row> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }
}
