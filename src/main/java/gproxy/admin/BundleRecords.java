package gproxy.admin;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.security.ApiKeys;
import gproxy.security.Passwords;
import gproxy.security.SecretBox;
import gproxy.store.Column;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Table;

/**
 * One bundle record ↔ one stored row. Records are the table's columns (through {@link RowCodec})
 * plus {@code id}, without timestamps. Secrets travel in plaintext: a credential's
 * {@code secret_json} opened from its sealed column, a user key's {@code api_key} opened from
 * {@code api_key_ciphertext}; users carry {@code password} as the stored Argon2 PHC string. On the
 * way in, secrets are sealed for their row, plaintext passwords hashed and key digests derived.
 *
 * <p>Errors name the bare field ({@code weight: ...}); {@link BundleImport} adds the location.
 */
final class BundleRecords {
    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private BundleRecords() {
    }

    static ObjectNode exported(Table table, Row row, SecretBox box) {
        ObjectNode record = RowCodec.toJson(table, row);
        TIMESTAMPS.forEach(record::remove);
        if (table == Schema.CREDENTIALS) {
            row.optionalText("secret_json").ifPresent(stored -> record.set("secret_json",
                    secretValue(box.open(SecretBox.binding(table.name(), row.requireId()), stored))));
        } else if (table == Schema.USER_KEYS) {
            return withApiKey(record, row, box);
        }
        return record;
    }

    /**
     * Reads a record into a row with a pinned id, checking types, required columns and scopes, and
     * applying the table's secret handling. References to other records are checked by the caller.
     */
    static Row imported(Table table, JsonNode record, SecretBox box) {
        if (record == null || !record.isObject()) {
            // The value is not shown: a misplaced record may well be a secret.
            throw GatewayException.invalid("record", kind(record) + " (expected: a JSON object with the fields of "
                    + table.name() + ")");
        }
        ObjectNode fields = ((ObjectNode) record).deepCopy();
        if (table == Schema.CREDENTIALS) {
            return credential(fields, box);
        }
        if (table == Schema.USER_KEYS) {
            return userKey(fields, box);
        }
        if (table == Schema.USERS) {
            return user(fields);
        }
        return columns(table, fields, Set.of());
    }

    /**
     * Converts the fields with {@link RowCodec}, then checks id, NOT NULL columns and scope.
     * {@code derived} columns are filled in by the caller afterwards.
     */
    private static Row columns(Table table, ObjectNode fields, Set<String> derived) {
        Row row = RowCodec.fromJson(table, fields, Set.of());
        long id = row.id().orElseThrow(() -> GatewayException.invalid("id",
                "missing (expected: the record's numeric id; records reference each other by id)"));
        if (id < 1) {
            throw GatewayException.invalid("id", id + " (expected: >= 1)");
        }
        for (Column column : table.columns()) {
            boolean given = row.values().containsKey(column.name());
            if (!column.nullable() && given && !row.has(column.name())) {
                throw GatewayException.invalid(column.name(), "null (expected: a value)");
            }
            if (column.required() && !given && !derived.contains(column.name())) {
                throw GatewayException.invalid(column.name(), "missing (expected: a value)");
            }
        }
        row.optionalText("scope").ifPresent(scope -> {
            if (!BundleFormat.SCOPES.containsKey(scope)) {
                throw GatewayException.invalid("scope", Json.text(scope) + " (expected: org, team or user)");
            }
        });
        return row;
    }

    private static Row credential(ObjectNode fields, SecretBox box) {
        JsonNode label = fields.remove("label");
        if (label != null) {
            // v2 bundles spell the credential's name "label".
            if (fields.has("name")) {
                throw GatewayException.invalid("label", "given together with name (expected: one of them)");
            }
            fields.set("name", label);
        }
        JsonNode secret = fields.remove("secret_json");
        Row row = columns(Schema.CREDENTIALS, fields, Set.of());
        if (secret == null || secret.isNull()) {
            return row;
        }
        String plaintext = secretText(secret);
        if (SecretBox.isSealed(plaintext)) {
            throw GatewayException.invalid("secret_json",
                    "a sealed value (expected: the plaintext secret; bundles carry secrets in plaintext)");
        }
        return row.with("secret_json", box.seal(SecretBox.binding("credentials", row.requireId()), plaintext));
    }

    private static Row userKey(ObjectNode fields, SecretBox box) {
        if (fields.has("api_key_ciphertext")) {
            throw GatewayException.invalid("api_key_ciphertext",
                    "not a bundle field (expected: api_key with the plaintext key, or api_key_digest alone)");
        }
        JsonNode apiKey = fields.remove("api_key");
        if (apiKey == null || apiKey.isNull()) {
            JsonNode digest = fields.get("api_key_digest");
            if (digest == null || digest.isNull()) {
                throw GatewayException.invalid("api_key", "missing (expected: the plaintext key, or api_key_digest)");
            }
            return columns(Schema.USER_KEYS, fields, Set.of());
        }
        if (!apiKey.isTextual() || apiKey.textValue().isBlank()) {
            throw GatewayException.invalid("api_key", kind(apiKey) + " (expected: the key as a non-blank string)");
        }
        Row row = columns(Schema.USER_KEYS, fields, Set.of("api_key_digest"));
        String key = apiKey.textValue().strip();
        String digest = ApiKeys.digest(key);
        JsonNode given = fields.get("api_key_digest");
        if (given != null && !given.isNull() && !digest.equalsIgnoreCase(given.asText())) {
            throw GatewayException.invalid("api_key_digest",
                    "does not match api_key (expected: the digest of api_key, or no api_key_digest)");
        }
        return row.with("api_key_digest", digest)
                .with("api_key_digest_version", (long) ApiKeys.DIGEST_VERSION)
                .with("api_key_ciphertext", box.seal(SecretBox.binding("user_keys", row.requireId()), key));
    }

    /** {@code password} is an Argon2 PHC string (kept) or plaintext (hashed); it is never echoed in errors. */
    private static Row user(ObjectNode fields) {
        JsonNode password = fields.remove("password");
        Row row = columns(Schema.USERS, fields, Set.of());
        if (password == null || password.isNull()) {
            return row;
        }
        if (!password.isTextual()) {
            throw GatewayException.invalid("password", kind(password)
                    + " (expected: an Argon2 PHC string or a plaintext password)");
        }
        String value = password.textValue();
        if (Passwords.isHash(value)) {
            return row.with("password", value);
        }
        Passwords.checkPolicy("password", value);
        return row.with("password", Passwords.hash(value));
    }

    /** Replaces {@code api_key_ciphertext} by {@code api_key} in place; a key without ciphertext keeps only its digest. */
    private static ObjectNode withApiKey(ObjectNode record, Row row, SecretBox box) {
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("api_key_ciphertext")) {
                out.set(field.getKey(), field.getValue());
                continue;
            }
            row.optionalText("api_key_ciphertext").ifPresent(stored -> out.put("api_key",
                    box.open(SecretBox.binding("user_keys", row.requireId()), stored)));
        }
        return out;
    }

    /** Secrets holding a JSON object or array are shown as JSON; anything else as the stored text. */
    private static JsonNode secretValue(String plaintext) {
        try {
            JsonNode parsed = Json.MAPPER.readTree(plaintext);
            if (parsed != null && parsed.isContainerNode()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // not JSON: exported as text
        }
        return Json.MAPPER.getNodeFactory().textNode(plaintext);
    }

    private static String secretText(JsonNode secret) {
        if (secret.isContainerNode()) {
            return Json.text(secret);
        }
        if (secret.isTextual()) {
            return secret.textValue();
        }
        throw GatewayException.invalid("secret_json", kind(secret) + " (expected: a JSON object or a string)");
    }

    /** What a rejected value is, without showing it: secrets must not end up in error messages. */
    private static String kind(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        return switch (value.getNodeType()) {
            case STRING -> value.textValue().isBlank() ? "a blank string" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
