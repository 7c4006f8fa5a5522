package gproxy.admin;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import gproxy.error.GatewayException;
import gproxy.security.ApiKeys;
import gproxy.security.Passwords;
import gproxy.security.SecretBox;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Schema;
import gproxy.store.Store;

/**
 * Creates or resets the bootstrap admin, as v2 does: a new admin joins the {@code default} org,
 * gets the route permission {@code *} and one API key labelled {@code bootstrap}. Passwords are
 * hashed before the transaction opens (Argon2 is slow; the write lock should not wait for it).
 * Two instances starting together on a fresh shared database race on the unique user name; the
 * loser retries once and finds the winner's admin.
 */
final class BootstrapAdmin {
    static final String DEFAULT_ORG = "default";
    static final String KEY_LABEL = "bootstrap";

    /** What to show once: the password only when it was generated here. */
    record Credentials(Optional<String> password, String apiKey) {
        @Override
        public String toString() {
            return "Credentials[***]";
        }
    }

    record Outcome(Bootstrap.Admin admin, Optional<Credentials> credentials) {
        static final Outcome UNCHANGED = new Outcome(Bootstrap.Admin.UNCHANGED, Optional.empty());
    }

    private final Store store;
    private final SecretBox box;
    private final String name;

    BootstrapAdmin(Store store, SecretBox box, String name) {
        this.store = store;
        this.box = box;
        this.name = name;
    }

    /** {@code GPROXY_ADMIN_PASSWORD}: create the admin, or make it an enabled admin with this password. */
    Outcome upsert(String password) {
        Optional<Row> existing = store.list(Schema.USERS, Query.where("name", name).limit(1)).stream().findFirst();
        if (existing.isPresent() && upToDate(existing.get(), password)) {
            return Outcome.UNCHANGED;
        }
        String hash = Passwords.hash(password);
        return retryingOnce(() -> store.write(tx -> {
            Optional<Row> user = tx.list(Schema.USERS, Query.where("name", name).limit(1)).stream().findFirst();
            if (user.isEmpty()) {
                String key = create(tx, hash);
                return new Outcome(Bootstrap.Admin.CREATED, Optional.of(new Credentials(Optional.empty(), key)));
            }
            long id = user.get().requireId();
            tx.save(Schema.USERS, Row.of(Map.of("id", id, "password", hash, "enabled", true, "is_admin", true)));
            ensureWildcardPermission(tx, id);
            return new Outcome(Bootstrap.Admin.RESET, Optional.empty());
        }));
    }

    /** No {@code GPROXY_ADMIN_PASSWORD}: create the admin with a generated password when there are no users. */
    Outcome createIfNoUsers(Supplier<String> passwords) {
        if (Bootstrap.hasUsers(store)) {
            return Outcome.UNCHANGED;
        }
        String password = passwords.get();
        String hash = Passwords.hash(password);
        return retryingOnce(() -> store.write(tx -> {
            if (!tx.list(Schema.USERS, Query.all().limit(1)).isEmpty()) {
                return Outcome.UNCHANGED;
            }
            String key = create(tx, hash);
            return new Outcome(Bootstrap.Admin.CREATED, Optional.of(new Credentials(Optional.of(password), key)));
        }));
    }

    private boolean upToDate(Row user, String password) {
        return user.bool("enabled") && user.bool("is_admin")
                && Passwords.verify(password, user.optionalText("password").orElse(null))
                && hasWildcardPermission(store.list(Schema.ROUTE_PERMISSIONS, permissionsOf(user.requireId())));
    }

    /** Creates the admin with its permission and API key; returns the key's plaintext. */
    private String create(Store.Tx tx, String hash) {
        long orgId = tx.list(Schema.ORGS, Query.where("name", DEFAULT_ORG).limit(1)).stream().findFirst()
                .orElseGet(() -> tx.save(Schema.ORGS, Row.of(Map.of("name", DEFAULT_ORG))))
                .requireId();
        Row user = tx.save(Schema.USERS, Row.of(Map.of("name", name, "org_id", orgId, "password", hash,
                "enabled", true, "is_admin", true)));
        ensureWildcardPermission(tx, user.requireId());
        return createKey(tx, user.requireId());
    }

    /** The digest finds the key; the ciphertext is sealed for its own row, so the id comes first. */
    private String createKey(Store.Tx tx, long userId) {
        String key = ApiKeys.generate();
        Row row = tx.save(Schema.USER_KEYS, Row.of(Map.of("user_id", userId, "api_key_digest", ApiKeys.digest(key),
                "api_key_digest_version", (long) ApiKeys.DIGEST_VERSION, "label", KEY_LABEL, "enabled", true)));
        long id = row.requireId();
        tx.save(Schema.USER_KEYS, Row.of(Map.of("id", id,
                "api_key_ciphertext", box.seal(SecretBox.binding(Schema.USER_KEYS.name(), id), key))));
        return key;
    }

    private static void ensureWildcardPermission(Store.Tx tx, long userId) {
        if (!hasWildcardPermission(tx.list(Schema.ROUTE_PERMISSIONS, permissionsOf(userId)))) {
            tx.save(Schema.ROUTE_PERMISSIONS,
                    Row.of(Map.of("scope", "user", "scope_id", userId, "route_pattern", "*")));
        }
    }

    private static boolean hasWildcardPermission(java.util.List<Row> permissions) {
        return permissions.stream().anyMatch(p -> "*".equals(p.get("route_pattern")));
    }

    private static Query permissionsOf(long userId) {
        return Query.where("scope", "user").and("scope_id", userId);
    }

    private static Outcome retryingOnce(Supplier<Outcome> attempt) {
        try {
            return attempt.get();
        } catch (GatewayException e) {
            if (e.status() != 409) {
                throw e;
            }
            return attempt.get();
        }
    }
}
