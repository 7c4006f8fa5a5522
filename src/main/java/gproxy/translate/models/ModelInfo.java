package gproxy.translate.models;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import gproxy.json.Json;
import gproxy.protocol.Kind;

/**
 * One model as every vendor's list carries it: the bare id ({@code gemini-2.5-flash}, never
 * {@code models/…}), a display name, and when it was created where the vendor says so. OpenAI's
 * {@code created} is epoch seconds, Claude's {@code created_at} RFC 3339, Gemini has neither.
 *
 * @param ownedBy OpenAI's {@code owned_by}, when the upstream said
 */
public record ModelInfo(String id, String displayName, Optional<Instant> created, Optional<String> ownedBy) {
    private static final String GEMINI_PREFIX = "models/";

    public ModelInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(ownedBy, "ownedBy");
    }

    /** A model the gateway names itself (its catalogue): no date, owned by the gateway. */
    public static ModelInfo named(String id) {
        return new ModelInfo(id, id, Optional.empty(), Optional.empty());
    }

    /** One entry of a {@code family} list or get answer; empty when it names no model. */
    static Optional<ModelInfo> parse(JsonNode entry, Kind.Family family) {
        String id = switch (family) {
            case OPENAI, CLAUDE -> entry.path("id").asText("");
            case GEMINI -> bare(entry.path("name").asText(""));
        };
        if (id.isBlank()) {
            return Optional.empty();
        }
        String display = switch (family) {
            case OPENAI -> id;
            case CLAUDE -> entry.path("display_name").asText(id);
            case GEMINI -> entry.path("displayName").asText(id);
        };
        Optional<Instant> created = switch (family) {
            case OPENAI -> entry.path("created").canConvertToLong() && entry.path("created").asLong() > 0
                    ? Optional.of(Instant.ofEpochSecond(entry.path("created").asLong())) : Optional.empty();
            case CLAUDE -> instant(entry.path("created_at").asText(""));
            case GEMINI -> Optional.empty();
        };
        Optional<String> owner = family == Kind.Family.OPENAI && entry.path("owned_by").isTextual()
                ? Optional.of(entry.path("owned_by").asText()) : Optional.empty();
        return Optional.of(new ModelInfo(id, display.isBlank() ? id : display, created, owner));
    }

    /** This model as an entry of a {@code family} list or get answer. */
    public ObjectNode render(Kind.Family family) {
        ObjectNode model = Json.object();
        switch (family) {
            case OPENAI -> model.put("id", id).put("object", "model")
                    .put("created", created.map(Instant::getEpochSecond).orElse(0L))
                    .put("owned_by", ownedBy.orElse("gproxy"));
            case CLAUDE -> model.put("type", "model").put("id", id).put("display_name", displayName)
                    .put("created_at", created.orElse(Instant.EPOCH).toString());
            case GEMINI -> {
                model.put("name", GEMINI_PREFIX + id).put("displayName", displayName);
                model.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent")
                        .add("countTokens");
            }
        }
        return model;
    }

    static String bare(String id) {
        return id.startsWith(GEMINI_PREFIX) ? id.substring(GEMINI_PREFIX.length()) : id;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
