package gproxy.channel;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import gproxy.json.Json;

/**
 * A credential's opened {@code secret_json}. A class rather than a record so that no
 * {@code toString()}, including that of {@link PrepareInput}, can print it; errors name the field and
 * the expected shape, never the value.
 */
public final class CredentialSecret {
    public static final String API_KEY = "api_key";
    private static final String SHAPE = "(expected: {\"api_key\":\"...\"})";

    private final String json;
    /** The checked {@code api_key}, once read: a secret is reused across attempts while it is unchanged. */
    private volatile String apiKey;

    private CredentialSecret(String json) {
        this.json = json;
    }

    /** The plaintext JSON as {@code gproxy.security.SecretBox} opened it. */
    public static CredentialSecret of(String json) {
        return new CredentialSecret(Objects.requireNonNull(json, "json"));
    }

    /** The non-blank {@code api_key} field, checked to be a legal header value. */
    public String apiKey() {
        String known = apiKey;
        if (known != null) {
            return known;
        }
        JsonNode node = parse();
        JsonNode key = node.path(API_KEY);
        if (!key.isTextual() || key.asText().isBlank()) {
            throw ChannelException.invalidCredential(API_KEY + " is missing or not a non-blank string " + SHAPE);
        }
        String value = key.asText().strip();
        if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ChannelException.invalidCredential(API_KEY
                    + " contains characters an HTTP header cannot carry (expected: printable ASCII, no spaces)");
        }
        apiKey = value;
        return value;
    }

    private JsonNode parse() {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            // Jackson's message quotes the input: it must not reach the caller.
            throw ChannelException.invalidCredential("not valid JSON " + SHAPE);
        }
        if (node == null || !node.isObject()) {
            throw ChannelException.invalidCredential("not a JSON object " + SHAPE);
        }
        return node;
    }

    @Override
    public String toString() {
        return "CredentialSecret[redacted]";
    }
}
