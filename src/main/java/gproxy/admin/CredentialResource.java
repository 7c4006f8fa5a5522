package gproxy.admin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.error.InvalidInputException;
import gproxy.json.Json;
import gproxy.store.Query;
import gproxy.store.Row;
import gproxy.store.Store;

/**
 * Credential routes beyond CRUD: the audited plaintext reveal and the create-only bulk import,
 * which answers per item {@code created}, {@code existing} (the same secret is already stored
 * for the provider, or earlier in the batch) or {@code error} (with the field and message).
 */
final class CredentialResource {
    private final Store store;
    private final ConfigWriter writer;
    private final EntityResource entities;
    private final Entity credentials;
    private final CredentialShape shape;

    CredentialResource(Store store, ConfigWriter writer, EntityResource entities, Entity credentials) {
        this.store = store;
        this.writer = writer;
        this.entities = entities;
        this.credentials = credentials;
        this.shape = (CredentialShape) credentials.shape();
    }

    /** {@code GET /admin/credentials/{id}/secret}. */
    Reply reveal(Call call) {
        Row row = entities.find(credentials, call.id());
        if (!row.has(CredentialShape.SECRET)) {
            throw GatewayException.notFound("secret of credentials " + call.id());
        }
        ObjectNode out = Json.object();
        out.put("id", row.requireId());
        out.set(CredentialShape.SECRET, shape.reveal(row));
        return Reply.json(out);
    }

    /** {@code POST /admin/providers/{pid}/credentials/import}: an array, or {@code {"credentials":[…]}}. */
    Reply importAll(Call call) {
        long pid = call.id("pid");
        JsonNode body = call.body();
        JsonNode items = body.isArray() ? body : body.path("credentials");
        if (!items.isArray()) {
            throw GatewayException.invalid("credentials",
                    "missing (expected: an array of credential records, or {\"credentials\": [...]})");
        }
        ArrayNode results = writer.write(tx -> importIn(tx, pid, items));
        ObjectNode out = Json.object();
        for (String result : new String[] {"created", "existing", "error"}) {
            long n = 0;
            for (JsonNode r : results) {
                n += r.get("result").asText().equals(result) ? 1 : 0;
            }
            out.put(result.equals("error") ? "errors" : result, n);
        }
        out.set("results", results);
        return Reply.json(out);
    }

    private ArrayNode importIn(Store.Tx tx, long pid, JsonNode items) {
        if (tx.find(credentials.requireParent().table(), pid).isEmpty()) {
            throw GatewayException.notFound("providers " + pid);
        }
        Map<String, Long> known = storedSecrets(tx, pid);
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode result = results.addObject().put("index", i);
            try {
                importOne(tx, pid, items.get(i), known, result);
            } catch (GatewayException e) {
                // Validation fails before anything is written, so the transaction stays usable;
                // anything else (a store failure) aborts the whole import.
                if (e.status() != 400) {
                    throw e;
                }
                result.put("result", "error");
                ObjectNode error = result.putObject("error").put("code", e.code()).put("message", e.getMessage());
                if (e instanceof InvalidInputException invalid) {
                    error.put("field", invalid.field());
                }
            }
        }
        return results;
    }

    private void importOne(Store.Tx tx, long pid, JsonNode item, Map<String, Long> known, ObjectNode result) {
        if (!item.isObject()) {
            throw GatewayException.invalid("body", "not a JSON object (expected: a credential record)");
        }
        if (item.has("id")) {
            throw GatewayException.invalid("id", "import only creates (expected: absent)");
        }
        Optional<String> secret = CredentialShape.secretText(item.get(CredentialShape.SECRET));
        if (secret.isPresent() && known.containsKey(secret.get())) {
            result.put("result", "existing").put("id", known.get(secret.get()));
            return;
        }
        Row parsed = entities.parse(credentials, item, Optional.of(pid));
        ObjectNode saved = entities.saveIn(tx, credentials, item, parsed, Optional.of(pid));
        long id = saved.get("id").asLong();
        secret.ifPresent(s -> known.put(s, id));
        result.put("result", "created").put("id", id);
    }

    /** The provider's stored secrets that can be opened, to recognise re-imports. */
    private Map<String, Long> storedSecrets(Store.Tx tx, long pid) {
        Map<String, Long> known = new HashMap<>();
        for (Row row : tx.list(credentials.table(), Query.where(credentials.requireParent().column(), pid))) {
            if (!row.has(CredentialShape.SECRET)) {
                continue;
            }
            try {
                String opened = shape.open(row);
                known.putIfAbsent(opened, row.requireId());
            } catch (GatewayException e) {
                // sealed under another key: it cannot match anything we could compare
            }
        }
        return known;
    }
}
