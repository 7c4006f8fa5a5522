package gproxy.admin;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.error.GatewayException;
import gproxy.security.Passwords;
import gproxy.store.Row;
import gproxy.store.RowCodec;
import gproxy.store.Table;

/**
 * Users: a plaintext {@code password} in the body is policy-checked and stored as an Argon2id hash
 * (omitted keeps the stored hash, {@code null} removes it); reads never carry the hash, only
 * {@code has_password}.
 */
final class UserShape implements RecordShape {

    @Override
    public Set<String> bodyFields() {
        return Set.of("password", "has_password");
    }

    @Override
    public Staged stage(Table table, JsonNode body, Row parsed, Optional<Row> existing) {
        Row row = parsed;
        if (body.has("password")) {
            JsonNode password = body.get("password");
            if (password.isNull()) {
                row = row.with("password", null);
            } else if (!password.isTextual()) {
                // never echo the value: it may be a password typed into the wrong place
                throw GatewayException.invalid("password", "not a string (expected: the plaintext password)");
            } else {
                Passwords.checkPolicy("password", password.textValue());
                row = row.with("password", Passwords.hash(password.textValue()));
            }
        }
        return new Staged(row, (tx, saved) -> view(table, saved));
    }

    @Override
    public ObjectNode view(Table table, Row row) {
        ObjectNode out = RowCodec.toJson(table, row);
        out.remove("password");
        out.put("has_password", row.has("password"));
        return out;
    }
}
