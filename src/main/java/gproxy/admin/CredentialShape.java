package gproxy.admin;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import gproxy.error.GatewayException;
import gproxy.json.Json;
import gproxy.security.SecretBox;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Schema;
import gproxy.store.Table;

/**
 * Credentials: {@code secret_json} (any JSON value, or a string kept as it is) is sealed with the
 * row id bound in, so the row is inserted first and sealed once its id is known, in the same
 * transaction. Omitting it keeps the stored secret. Reads expose only {@code has_secret}.
 */
final class CredentialShape implements RecordShape {
    static final String SECRET = "secret_json";

    private final SecretBox secretBox;

    CredentialShape(SecretBox secretBox) {
        this.secretBox = secretBox;
    }

    @Override
    public Set<String> bodyFields() {
        return Set.of(SECRET, "has_secret");
    }

    @Override
    public Staged stage(Table table, JsonNode body, Row parsed, Optional<Row> existing) {
        if (!body.has(SECRET)) {
            return new Staged(parsed, (tx, saved) -> view(table, saved));
        }
        Optional<String> secret = secretText(body.get(SECRET));
        return new Staged(parsed, (tx, saved) -> {
            long id = saved.requireId();
            String stored = secret.map(s -> secretBox.seal(SecretBox.binding(table.name(), id), s)).orElse(null);
            Row sealed = tx.save(table, new Row(Map.of("id", id)).with(SECRET, stored));
            return view(table, sealed);
        });
    }

    @Override
    public ObjectNode view(Table table, Row row) {
        ObjectNode out = RowCodec.toJson(table, row);
        out.remove(SECRET);
        out.put("has_secret", row.has(SECRET));
        return out;
    }

    /** The secret as stored before sealing: strings as they are, other JSON as compact JSON text. */
    static Optional<String> secretText(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        String text = value.isTextual() ? value.textValue() : Json.text(value);
        if (text.isBlank() || (value.isContainerNode() && value.isEmpty())) {
            throw GatewayException.invalid(SECRET, "must not be empty");
        }
        return Optional.of(text);
    }

    /** The stored secret in plaintext, as it was given before sealing. */
    String open(Row row) {
        return secretBox.open(SecretBox.binding(Schema.CREDENTIALS.name(), row.requireId()), row.text(SECRET));
    }

    /** The stored secret opened: JSON objects and arrays as JSON, anything else as the string it was. */
    JsonNode reveal(Row row) {
        String opened = open(row);
        try {
            JsonNode parsed = Json.MAPPER.readTree(opened);
            return parsed != null && parsed.isContainerNode() ? parsed : TextNode.valueOf(opened);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(opened);
        }
    }
}
