package gproxy.snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;
import gproxy.store.Table;

/** Reads every control-plane table and indexes what the request path looks up. */
final class SnapshotLoader {
    /**
     * Tables that are not control plane: logs, usage, vocabularies (large, loaded on demand) and the
     * credential status tables (per-instance soft state: the engine's own Health is the live truth,
     * and their writes do not bump the revision, so a snapshot copy would only ever be stale).
     */
    private static final Set<Table> EXCLUDED = Set.of(Schema.USAGES, Schema.USAGE_INTENTS, Schema.USAGE_ROLLUPS,
            Schema.CREDENTIAL_USAGE_DAILY, Schema.DOWNSTREAM_REQUESTS, Schema.UPSTREAM_REQUESTS, Schema.AUDIT_LOGS, Schema.TOKENIZER_VOCABS,
            Schema.CREDENTIAL_STATUSES, Schema.CREDENTIAL_MODEL_STATUSES);

    private SnapshotLoader() {
    }

    static Snapshot load(Store store, Instant now) {
        // Read the revision first: if a write lands while we read, the next reload sees a newer
        // revision and replaces this snapshot, so nothing is lost.
        long revision = store.revision();
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        for (Table table : Schema.ALL) {
            if (!EXCLUDED.contains(table)) {
                rows.put(table.name(), store.list(table, Query.all()));
            }
        }
        Map<String, Row> providers = new HashMap<>();
        for (Row p : rows.get(Schema.PROVIDERS.name())) {
            providers.put(p.text("name"), p);
        }
        Map<Long, String> secrets = new HashMap<>();
        for (Row c : rows.get(Schema.CREDENTIALS.name())) {
            c.optionalText("secret_json").ifPresent(secret -> secrets.put(c.requireId(), secret));
        }
        return new Snapshot(revision, now, rows, identity(rows), providers, RoutingIndex.build(rows), secrets);
    }

    private static Identity identity(Map<String, List<Row>> rows) {
        Map<Long, Identity.Org> orgs = new HashMap<>();
        for (Row r : rows.get(Schema.ORGS.name())) {
            orgs.put(r.requireId(), new Identity.Org(r.requireId(), r.text("name"), r.bool("enabled")));
        }
        Map<Long, Identity.Team> teams = new HashMap<>();
        for (Row r : rows.get(Schema.TEAMS.name())) {
            teams.put(r.requireId(), new Identity.Team(r.requireId(), r.longValue("org_id"), r.text("name"),
                    r.bool("enabled")));
        }
        Map<Long, Identity.User> users = new HashMap<>();
        for (Row r : rows.get(Schema.USERS.name())) {
            users.put(r.requireId(), new Identity.User(r.requireId(), r.text("name"), r.optionalLong("org_id"),
                    r.optionalLong("team_id"), r.bool("enabled"), r.bool("is_admin")));
        }
        Map<String, Identity.Key> keys = new HashMap<>();
        for (Row r : rows.get(Schema.USER_KEYS.name())) {
            Identity.User user = users.get(r.longValue("user_id"));
            if (!r.bool("enabled") || user == null || !user.enabled()) {
                continue;
            }
            keys.put(r.text("api_key_digest"), new Identity.Key(r.requireId(), user.id(),
                    r.optionalText("label").orElse("")));
        }
        return new Identity(keys, users, orgs, teams);
    }
}
